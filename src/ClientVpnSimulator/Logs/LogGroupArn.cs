using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Logs;

/// <summary>The resource IAM names when it denies a CloudWatch Logs read of a log group.</summary>
internal static class LogGroupArn
{
    /// <summary>The ARN of the log group a Logs request names (<c>logGroupIdentifier</c> as given, else built from <c>logGroupName</c>); null for none.</summary>
    public static string? Of(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Service != AwsService.Logs)
        {
            return null;
        }

        if (request.Get("logGroupIdentifier") is { } identifier && identifier.StartsWith("arn:", StringComparison.Ordinal))
        {
            return identifier;
        }

        var name = request.Get("logGroupName") ?? request.Get("logGroupIdentifier");
        return name is null ? null : $"arn:aws:logs:us-east-1:{request.AccountId}:log-group:{name}:*";
    }

    /// <summary>The group name an identifier gives: the name itself, or the name inside a log-group ARN.</summary>
    public static string NameOf(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        const string Marker = ":log-group:";
        var at = identifier.IndexOf(Marker, StringComparison.Ordinal);
        if (!identifier.StartsWith("arn:", StringComparison.Ordinal) || at < 0)
        {
            return identifier;
        }

        var name = identifier[(at + Marker.Length)..];
        return name.EndsWith(":*", StringComparison.Ordinal) ? name[..^2] : name;
    }
}
