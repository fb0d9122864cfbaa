namespace ClientVpnSimulator.Fleet;

/// <summary>A person who connects to one endpoint, possibly from several devices at once.</summary>
internal sealed class SimulatedUser
{
    /// <summary>Creates a user.</summary>
    /// <param name="username">The <c>Username</c> the API reports; empty for certificate authentication.</param>
    /// <param name="commonName">The <c>CommonName</c> the API reports.</param>
    public SimulatedUser(string username, string commonName)
    {
        this.Username = username;
        this.CommonName = commonName;
    }

    /// <summary>The <c>Username</c> the API reports; empty for certificate authentication.</summary>
    public string Username { get; }

    /// <summary>The <c>CommonName</c> the API reports.</summary>
    public string CommonName { get; }

    /// <summary>How ground truth names the user: the user name where there is one, else the common name.</summary>
    public string Key => this.Username.Length > 0 ? this.Username : this.CommonName;

    /// <summary>Final counters of this user's connections that are no longer listed.</summary>
    public SimulatedTraffic RetiredTotals { get; set; }

    /// <summary>How many connections this user ever had.</summary>
    public long ConnectionsEver { get; set; }
}
