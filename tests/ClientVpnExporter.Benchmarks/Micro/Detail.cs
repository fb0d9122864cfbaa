using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>Which detail series the exporter builds: its default metrics, per-user or per-connection detail.</summary>
public enum Detail
{
    Default,
    PerUser,
    PerConnection,
}

internal static class DetailSettings
{
    public static ReadingDetail Reading(Detail detail) => detail switch
    {
        Detail.PerUser => ReadingDetail.Users,
        Detail.PerConnection => ReadingDetail.Connections,
        _ => ReadingDetail.None,
    };

    public static ExporterOptions Options(Detail detail) => new()
    {
        PerUserMetrics = detail == Detail.PerUser,
        PerConnectionMetrics = detail == Detail.PerConnection,
    };
}
