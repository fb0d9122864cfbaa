using ClientVpnSimulator.Sts;

namespace ClientVpnSimulator.Accounts;

/// <summary>
/// The AWS accounts the simulator plays, each with its own fleet, and which of them a request acts in.
/// The first is the caller's own account: every access key the simulator did not issue belongs to it.
/// </summary>
internal sealed class AccountDirectory
{
    private readonly HashSet<string> known;

    /// <summary>Creates a directory of <paramref name="accounts"/>, the first being the caller's own.</summary>
    public AccountDirectory(IReadOnlyList<string> accounts, CredentialStore credentials)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(credentials);
        if (accounts.Count == 0)
        {
            throw new ArgumentException("At least one account is needed.", nameof(accounts));
        }

        this.Accounts = [.. accounts];
        this.known = new HashSet<string>(accounts, StringComparer.Ordinal);
        this.Credentials = credentials;
    }

    /// <summary>Every account, the caller's own first.</summary>
    public IReadOnlyList<string> Accounts { get; }

    /// <summary>The account of every key the simulator did not issue.</summary>
    public string OwnAccount => this.Accounts[0];

    /// <summary>The temporary credentials issued so far.</summary>
    public CredentialStore Credentials { get; }

    /// <summary>Whether <paramref name="text"/> has the form of an account id: 12 decimal digits.</summary>
    public static bool IsAccountId(string? text) => text is { Length: 12 } && text.All(char.IsAsciiDigit);

    /// <summary>Whether the simulator plays this account.</summary>
    public bool Contains(string? accountId) => accountId is not null && this.known.Contains(accountId);

    /// <summary>Who signed with <paramref name="accessKeyId"/>: an issued session, or the caller's own account.</summary>
    public Caller Identify(string? accessKeyId)
    {
        var key = accessKeyId ?? string.Empty;
        var session = key.Length > 0 ? this.Credentials.Find(key) : null;
        return new Caller(key, session?.AccountId ?? this.OwnAccount, session);
    }

    /// <summary>
    /// The account a request acts in: the caller's, except for <c>AssumeRole</c>, which acts in the account of the
    /// role it names when the simulator plays that account. So faults, denials and request counts of
    /// <c>AssumeRole</c> can target one account's roles.
    /// </summary>
    public string AccountFor(string action, string? roleArn, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return action == AssumeRoleAction.ActionName && RoleArn.TryParse(roleArn, out var role) && this.Contains(role.AccountId)
            ? role.AccountId
            : caller.AccountId;
    }
}
