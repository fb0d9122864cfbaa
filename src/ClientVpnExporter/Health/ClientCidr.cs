using System.Net;
using System.Net.Sockets;

namespace ClientVpnExporter.Health;

/// <summary>The size of an endpoint's client CIDR block: AWS advises one twice the expected number of connections.</summary>
internal static class ClientCidr
{
    /// <summary>
    /// The addresses in <paramref name="cidrBlock"/> (<c>10.0.0.0/22</c> → 1024); null when it is not an IPv4 CIDR block
    /// (Client VPN assigns client addresses from IPv4 blocks of /12 to /22).
    /// </summary>
    public static long? Addresses(string? cidrBlock) =>
        IPNetwork.TryParse(cidrBlock, out var network) && network.BaseAddress.AddressFamily == AddressFamily.InterNetwork
            ? 1L << (32 - network.PrefixLength)
            : null;
}
