using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClientVpnExporter.Tests.Aws.Services;

/// <summary>
/// botocore's own SigV4 signer (Debian's python3-botocore under /usr/bin/python3, as CI's .ci/run installs it), run
/// through botocore_sign.py; the same skip rule as the simulator's BotocoreConformanceTests: only when it is missing.
/// </summary>
internal static class BotocoreSigner
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> MissingReason = new(FindMissing);

    /// <summary>Why botocore cannot run here, or null when it can.</summary>
    public static string? Missing => MissingReason.Value;

    /// <summary>The Authorization header botocore gives each request, in order.</summary>
    public static async Task<List<string>> SignAsync(IEnumerable<JsonObject> requests)
    {
        using var process = Start(Path.Combine(AppContext.BaseDirectory, "Aws", "Services", "botocore_sign.py"));
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(new JsonArray([.. requests]).ToJsonString());
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"botocore_sign.py exited {process.ExitCode}: {await stderr}");
        using var answer = JsonDocument.Parse(await stdout);
        return [.. answer.RootElement.GetProperty("authorizations").EnumerateArray().Select(a => a.GetString()!)];
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing of this machine's AWS setup may reach botocore: it signs with the keys each request names.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        return Process.Start(start)!;
    }

    private static string? FindMissing()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} does not exist; install python3-botocore (CI's .ci/run does)";
        }

        using var process = Start("-c", "import botocore");
        process.StandardInput.Close();
        process.WaitForExit(30_000);
        return process.HasExited && process.ExitCode == 0 ? null : $"{Python} has no botocore; install python3-botocore (CI's .ci/run does)";
    }
}

/// <summary>A test that needs botocore; skipped, saying why, only when <see cref="BotocoreSigner.Missing"/>.</summary>
internal sealed class BotocoreSignerFactAttribute : FactAttribute
{
    public BotocoreSignerFactAttribute()
    {
        this.Skip = BotocoreSigner.Missing;
    }
}
