namespace ClientVpnExporter.Connections;

/// <summary>
/// Turns the free-form posture compliance statuses returned by a customer's client-connect handler into one
/// bounded label value. The handler can return anything, so the value is normalised (order and duplicates
/// do not matter) and cut to a fixed length, with a hash keeping distinct long values distinct.
/// </summary>
internal static class PostureLabel
{
    /// <summary>The label value for a connection with no posture status.</summary>
    public const string None = "none";

    /// <summary>The longest label value produced.</summary>
    public const int MaxLength = 64;

    public static string From(IEnumerable<string>? statuses)
    {
        if (statuses is null)
        {
            return None;
        }

        var distinct = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var status in statuses)
        {
            var trimmed = status?.Trim();
            if (!string.IsNullOrEmpty(trimmed))
            {
                distinct.Add(trimmed);
            }
        }

        if (distinct.Count == 0)
        {
            return None;
        }

        return BoundedLabel.Cut(string.Join(',', distinct), MaxLength);
    }
}
