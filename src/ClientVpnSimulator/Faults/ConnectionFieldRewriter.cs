using System.Xml.Linq;
using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Faults;

/// <summary>
/// Replaces the values of named fields in the connection items of a DescribeClientVpnConnections answer.
/// Only the bytes sent change: the fleet, and so ground truth, keep the real values.
/// </summary>
internal static class ConnectionFieldRewriter
{
    private static readonly XNamespace Ec2 = Ec2Xml.Namespace;

    /// <summary>The fields that can be replaced: element names of a connection item (<c>status</c> is its code).</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        "ingressBytes", "egressBytes", "ingressPackets", "egressPackets", "connectionEstablishedTime", "connectionEndTime",
        "status", "connectionId", "username", "commonName", "clientIp", "clientIpv6Address", "timestamp",
    ];

    /// <summary>
    /// Rewrites <paramref name="answer"/>: each item, with probability <paramref name="rate"/>, gets every field of
    /// <paramref name="fields"/> replaced (added where the item has none). Returns the new answer and how many items changed.
    /// </summary>
    public static (QueryResult Answer, int Items) Rewrite(QueryResult answer, IReadOnlyDictionary<string, string> fields, double rate, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(random);
        using var buffer = new MemoryStream();
        answer.WriteTo(buffer);
        buffer.Position = 0;
        var document = XDocument.Load(buffer);
        var ordered = fields.OrderBy(f => f.Key, StringComparer.Ordinal).ToList();
        var items = 0;
        foreach (var item in document.Root?.Element(Ec2 + "connections")?.Elements(Ec2 + "item") ?? [])
        {
            if (!random.NextBool(rate))
            {
                continue;
            }

            items++;
            foreach (var (field, value) in ordered)
            {
                var text = value == RandomFieldText.Marker ? RandomFieldText.Next(random) : value;
                var target = field == "status" ? item.Element(Ec2 + "status")?.Element(Ec2 + "code") : item.Element(Ec2 + field);
                if (target is null)
                {
                    item.Add(new XElement(Ec2 + field, text));
                }
                else
                {
                    target.Value = text;
                }
            }
        }

        return (new XmlQueryResult(writer => document.Root!.WriteTo(writer)), items);
    }
}
