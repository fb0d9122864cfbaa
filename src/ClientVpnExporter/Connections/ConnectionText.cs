using Amazon.EC2.Model;

namespace ClientVpnExporter.Connections;

/// <summary>
/// The text of one connection's fields before they are parsed, from the SDK's <see cref="ClientVpnConnection"/> or
/// straight from the answer's bytes (<see cref="Aws.ConnectionPageXml"/>), so both are parsed by the same rules
/// (<see cref="ConnectionParser"/>) and the fast path makes no string for a field it does not keep.
/// </summary>
internal ref struct ConnectionText
{
    public FieldText ConnectionId;
    public FieldText Status;
    public FieldText Timestamp;
    public FieldText EstablishedTime;
    public FieldText EndTime;
    public FieldText Username;
    public FieldText CommonName;
    public FieldText ClientIp;
    public FieldText ClientIpv6Address;
    public FieldText IngressBytes;
    public FieldText EgressBytes;
    public FieldText IngressPackets;
    public FieldText EgressPackets;

    /// <summary>The first posture status, and all of them when there are more (the common case has one or none).</summary>
    public FieldText FirstPosture;
    public List<string>? Postures;
    public int PostureCount;

    public static ConnectionText Of(ClientVpnConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var text = new ConnectionText
        {
            ConnectionId = FieldText.Of(connection.ConnectionId),
            Status = FieldText.Of(connection.Status?.Code?.Value),
            Timestamp = FieldText.Of(connection.Timestamp),
            EstablishedTime = FieldText.Of(connection.ConnectionEstablishedTime),
            EndTime = FieldText.Of(connection.ConnectionEndTime),
            Username = FieldText.Of(connection.Username),
            CommonName = FieldText.Of(connection.CommonName),
            ClientIp = FieldText.Of(connection.ClientIp),
            ClientIpv6Address = FieldText.Of(connection.ClientIpv6Address),
            IngressBytes = FieldText.Of(connection.IngressBytes),
            EgressBytes = FieldText.Of(connection.EgressBytes),
            IngressPackets = FieldText.Of(connection.IngressPackets),
            EgressPackets = FieldText.Of(connection.EgressPackets),
        };
        if (connection.PostureComplianceStatuses is { } statuses)
        {
            text.Postures = statuses;
            text.PostureCount = statuses.Count;
            text.FirstPosture = statuses.Count > 0 ? FieldText.Of(statuses[0]) : default;
        }

        return text;
    }
}

/// <summary>One field's text: absent, or its characters (and the string they are, when there is one already).</summary>
internal readonly ref struct FieldText(ReadOnlySpan<char> value, string? source)
{
    public ReadOnlySpan<char> Value { get; } = value;

    public bool Present { get; } = true;

    private string? Source { get; } = source;

    public static FieldText Of(string? value) => value is null ? default : new FieldText(value, value);

    public static FieldText Of(ReadOnlySpan<char> value) => new(value, null);

    /// <summary>The field as a string, null when absent; made only when asked.</summary>
    public string? AsString() => !this.Present ? null : this.Source ?? this.Value.ToString();
}
