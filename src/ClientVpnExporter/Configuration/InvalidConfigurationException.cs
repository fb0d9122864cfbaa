namespace ClientVpnExporter.Configuration;

/// <summary>Settings or arguments that stop startup: each problem is one line that names the setting.</summary>
public sealed class InvalidConfigurationException : Exception
{
    public InvalidConfigurationException()
        : this([])
    {
    }

    public InvalidConfigurationException(string message)
        : this([message])
    {
    }

    public InvalidConfigurationException(string message, Exception innerException)
        : base(message, innerException) => this.Problems = [message];

    public InvalidConfigurationException(IReadOnlyList<string> problems)
        : base(string.Join(" ", problems)) => this.Problems = problems;

    public IReadOnlyList<string> Problems { get; }

    /// <summary>Throws when <paramref name="problems"/> has any.</summary>
    public static void ThrowIfAny(IEnumerable<string> problems)
    {
        List<string> all = [.. problems.Distinct(StringComparer.Ordinal)];
        if (all.Count > 0)
        {
            throw new InvalidConfigurationException(all);
        }
    }
}
