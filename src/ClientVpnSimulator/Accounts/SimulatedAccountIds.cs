using System.Globalization;

namespace ClientVpnSimulator.Accounts;

/// <summary>The account ids a simulator plays: the ones listed, or as many generated ones as asked for.</summary>
internal static class SimulatedAccountIds
{
    /// <summary>The first generated id; the n-th (0-based) is this plus n.</summary>
    public const long FirstGenerated = 100_000_000_000;

    /// <summary>The accounts of <paramref name="options"/>, the caller's own (and the management account) first.</summary>
    public static IReadOnlyList<string> Of(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AccountCount is { } count
            ? [.. Enumerable.Range(0, count).Select(i => (FirstGenerated + i).ToString(CultureInfo.InvariantCulture))]
            : options.Accounts;
    }

    /// <summary>How many of the accounts have endpoints at start: the first ones.</summary>
    public static int WithEndpoints(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AccountsWithEndpoints ?? Of(options).Count;
    }
}
