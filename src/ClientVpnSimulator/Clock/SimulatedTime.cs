using System.Globalization;

namespace ClientVpnSimulator.Clock;

/// <summary>Conversions between simulated Unix milliseconds and the forms the APIs show.</summary>
internal static class SimulatedTime
{
    /// <summary>Milliseconds in one second.</summary>
    public const long Second = 1000;

    /// <summary>Milliseconds in one minute.</summary>
    public const long Minute = 60 * Second;

    /// <summary>Milliseconds in one hour.</summary>
    public const long Hour = 60 * Minute;

    /// <summary>Milliseconds in one day.</summary>
    public const long Day = 24 * Hour;

    /// <summary>The UTC instant of a simulated time.</summary>
    public static DateTime ToUtcDateTime(long unixMs) => DateTime.UnixEpoch.AddMilliseconds(unixMs);

    /// <summary>
    /// The form Client VPN uses for every time it reports (<c>2019-08-12 07:57:14</c>, UTC, whole seconds).
    /// </summary>
    public static string ToEc2String(long unixMs) =>
        ToUtcDateTime(FloorToSecond(unixMs)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Rounds down to a whole second, also before 1970.</summary>
    public static long FloorToSecond(long unixMs) => unixMs - (((unixMs % Second) + Second) % Second);
}
