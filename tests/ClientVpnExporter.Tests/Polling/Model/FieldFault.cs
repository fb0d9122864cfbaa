namespace ClientVpnExporter.Tests.Polling.Model;

/// <summary>How one connection is malformed in one poll's listing.</summary>
internal enum FieldFault
{
    /// <summary>A counter string that is not a number.</summary>
    GarbledCounter,

    /// <summary>A well-formed counter no connection could reach: 9,000,000,000,000,000,000.</summary>
    AbsurdCounter,

    /// <summary>A connection id that is not shaped <c>cvpn-connection-&lt;hex&gt;</c>.</summary>
    GarbledId,
}
