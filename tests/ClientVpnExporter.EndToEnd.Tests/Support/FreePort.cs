using System.Net;
using System.Net.Sockets;

namespace ClientVpnExporter.EndToEnd.Tests.Support;

/// <summary>A loopback port nothing listens on right now, for tools that must be told their port.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
