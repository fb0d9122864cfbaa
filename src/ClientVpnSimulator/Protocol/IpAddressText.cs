using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace ClientVpnSimulator.Protocol;

/// <summary>Formats the integer addresses the fleet stores.</summary>
internal static class IpAddressText
{
    /// <summary>Dotted-quad text of an IPv4 address.</summary>
    public static string FormatIpv4(uint address) => string.Create(
        CultureInfo.InvariantCulture,
        $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");

    /// <summary>Canonical (RFC 5952) text of an IPv6 address.</summary>
    public static string FormatIpv6(UInt128 address)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, address);
        return new IPAddress(bytes).ToString();
    }
}
