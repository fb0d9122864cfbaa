namespace ClientVpnSimulator.Organizations;

/// <summary>An organisation account's <c>State</c>, and the older <c>Status</c> AWS derives from it.</summary>
internal static class AccountState
{
    /// <summary>The account works.</summary>
    public const string Active = "ACTIVE";

    /// <summary>The account is suspended (closed, or by AWS): its API calls fail.</summary>
    public const string Suspended = "SUSPENDED";

    /// <summary>The account is being created or invited and does not work yet.</summary>
    public const string PendingActivation = "PENDING_ACTIVATION";

    /// <summary>The account was closed over 90 days ago.</summary>
    public const string Closed = "CLOSED";

    /// <summary>Every state, in AWS's order.</summary>
    public static IReadOnlyList<string> All { get; } = [Active, Suspended, PendingActivation, Closed];

    /// <summary>The <c>Status</c> (<c>ACTIVE</c> or <c>SUSPENDED</c>) AWS writes beside <paramref name="state"/>.</summary>
    public static string StatusOf(string state) => state is Suspended or Closed ? Suspended : Active;
}
