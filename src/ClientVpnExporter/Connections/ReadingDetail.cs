namespace ClientVpnExporter.Connections;

/// <summary>Which optional detail series a reading carries.</summary>
[Flags]
internal enum ReadingDetail
{
    None = 0,
    Users = 1,
    Connections = 2,
}
