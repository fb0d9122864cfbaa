using Amazon.EC2;
using ClientVpnExporter.Aws.Services;

namespace ClientVpnExporter.Aws;

/// <summary>
/// One account and region the exporter reads, with the EC2 client for it and the clients of the services without an SDK
/// package (<see cref="Services"/>): what every AWS call, its self metrics and the
/// endpoints it discovers are labelled with. <see cref="AccountId"/> is the only source of the <c>account_id</c> label.
/// </summary>
internal sealed class AwsTarget
{
    private readonly AwsServiceClients? services;
    private volatile string accountId;

    /// <param name="accountKey">The account's key: its role ARN, or <see cref="AwsAccounts.Default"/> for the exporter's own.</param>
    /// <param name="region">The AWS region, e.g. <c>us-east-1</c>.</param>
    /// <param name="client">The EC2 client for that account and region.</param>
    public AwsTarget(string accountKey, string region, IAmazonEC2 client)
        : this(accountKey, region, _ => client)
    {
    }

    /// <summary>
    /// A target whose client is built for it: the client's HTTP stack labels what it counts with this target, whose
    /// account id may only be learned later (<see cref="AccountIdentity"/>).
    /// </summary>
    public AwsTarget(string accountKey, string region, Func<AwsTarget, IAmazonEC2> connect)
    {
        ArgumentNullException.ThrowIfNull(connect);
        this.AccountKey = accountKey;
        this.Region = region;
        this.accountId = AwsAccounts.AccountIdOf(accountKey) ?? "";
        this.Client = connect(this);
    }

    /// <summary>
    /// A target whose EC2 client and service clients are built for it, sharing its credentials and API budget
    /// (<see cref="AwsTargets"/>).
    /// </summary>
    public AwsTarget(string accountKey, string region, Func<AwsTarget, (IAmazonEC2 Client, AwsServiceClients Services)> connect)
    {
        ArgumentNullException.ThrowIfNull(connect);
        this.AccountKey = accountKey;
        this.Region = region;
        this.accountId = AwsAccounts.AccountIdOf(accountKey) ?? "";
        (this.Client, this.services) = connect(this);
    }

    /// <summary>The account's key: its role ARN, or <see cref="AwsAccounts.Default"/> for the exporter's own.</summary>
    public string AccountKey { get; }

    public string Region { get; }

    public IAmazonEC2 Client { get; }

    /// <summary>
    /// ACM, IAM and Organizations for this account and region, with the EC2 client's credentials and API budget:
    /// <c>await target.Services.Acm.DescribeCertificateAsync(arn, cancellationToken)</c>. Only a target built with
    /// its service clients has them.
    /// </summary>
    public AwsServiceClients Services => this.services
        ?? throw new InvalidOperationException($"The target {this.Key} was built with an EC2 client only, without service clients.");

    /// <summary>
    /// The 12-digit account id: from the role ARN, or learned from STS for the exporter's own account
    /// (<see cref="AccountIdentity"/>); empty until known.
    /// </summary>
    public string AccountId
    {
        get => this.accountId;
        internal set => this.accountId = value;
    }

    /// <summary>Identifies the target among the configured ones: its account key and region.</summary>
    public string Key => KeyOf(this.AccountKey, this.Region);

    /// <summary>The <see cref="Key"/> of the target of <paramref name="accountKey"/> in <paramref name="region"/>.</summary>
    public static string KeyOf(string accountKey, string region) => accountKey + "|" + region;
}
