using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Aws;

/// <summary>
/// Learns the exporter's own account id from STS GetCallerIdentity (which needs no permission) and gives it to every
/// target of that account; a role's account id is in its ARN already. A failed lookup is logged once and tried again
/// only after <see cref="RetryInterval"/>: the label can wait, the poll cannot.
/// </summary>
internal sealed partial class AccountIdentity : IDisposable
{
    /// <summary>How long after a failed lookup the next one is tried.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMinutes(5);

    private readonly ExporterOptions options;
    private readonly AWSCredentials? credentials;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<AccountIdentity> logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool failureLogged;
    private DateTimeOffset nextAttempt = DateTimeOffset.MinValue;

    public AccountIdentity(IOptions<ExporterOptions> options, TimeProvider timeProvider, ILogger<AccountIdentity> logger, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.credentials = credentials;
    }

    /// <summary>Fills in <see cref="AwsTarget.AccountId"/> of every target of the exporter's own account that has none yet, if STS answers.</summary>
    public async Task LearnAsync(IReadOnlyList<AwsTarget> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        // A role's account is in its ARN; only the exporter's own credentials need asking who they are.
        var unknown = targets.Where(t => t.AccountId.Length == 0 && t.AccountKey == AwsAccounts.Default).ToList();
        if (unknown.Count == 0 || this.timeProvider.GetUtcNow() < this.nextAttempt)
        {
            return;
        }

        await this.gate.WaitAsync(cancellationToken);
        try
        {
            this.nextAttempt = this.timeProvider.GetUtcNow() + RetryInterval;
            using var sts = StsClients.Create(this.options, this.credentials, unknown[0].Region, maxRetries: 1);
            var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
            foreach (var target in unknown)
            {
                target.AccountId = identity.Account ?? "";
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (!this.failureLogged)
            {
                this.failureLogged = true;
                this.LogIdentityFailed(ApiOutcome.Of(ex), ex.Message);
            }
        }
        finally
        {
            this.gate.Release();
        }
    }

    public void Dispose() => this.gate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not learn the exporter's own AWS account id from STS GetCallerIdentity ({ErrorCode}): {Reason}. The account_id label stays empty until it works.")]
    private partial void LogIdentityFailed(LogText errorCode, LogText reason);
}
