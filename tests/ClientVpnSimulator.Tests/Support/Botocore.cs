using System.Diagnostics;
using System.Text.Json;

namespace ClientVpnSimulator.Tests.Support;

/// <summary>
/// Runs botocore's real EC2 and STS clients (Debian's python3-botocore, under /usr/bin/python3, as CI installs it)
/// against a simulator, through Support/botocore_client.py.
/// </summary>
public static class Botocore
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> MissingReason = new(FindMissing);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Why botocore cannot run here, or null when it can.</summary>
    public static string? Missing => MissingReason.Value;

    public static async Task<IReadOnlyList<BotocoreResult>> RunAsync(Uri endpoint, params BotocoreCall[] calls)
    {
        using var process = Start(Path.Combine(AppContext.BaseDirectory, "Support", "botocore_client.py"));
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(new { endpoint = endpoint.ToString().TrimEnd('/'), calls }, Json));
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"botocore_client.py gave no answer within 120 s: {await stderr}");
        }

        Assert.True(process.ExitCode == 0, $"botocore_client.py exited {process.ExitCode}: {await stderr}");

        using var document = JsonDocument.Parse(await stdout);
        var version = document.RootElement.GetProperty("botocore").GetString()!;
        return [.. document.RootElement.GetProperty("results").EnumerateArray().Select(r => new BotocoreResult(
            version,
            r.TryGetProperty("pages", out var pages) ? [.. pages.EnumerateArray().Select(p => p.Clone())] : [],
            r.TryGetProperty("error", out var error)
                ? new BotocoreError(error.GetProperty("Code").GetString()!, error.GetProperty("Message").GetString()!, error.GetProperty("HttpStatusCode").GetInt32())
                : null,
            r.GetProperty("members").EnumerateObject().ToDictionary(m => m.Name, m => m.Value.EnumerateArray().Select(n => n.GetString()!).ToArray(), StringComparer.Ordinal)))];
    }

    private static Process Start(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (script.Length > 0)
        {
            start.ArgumentList.Add(script);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing from this machine's AWS setup may reach botocore: it signs with the keys each call names.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        return Process.Start(start)!;
    }

    private static string? FindMissing()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} does not exist; install python3-botocore (CI's .ci/run does)";
        }

        using var process = Start("", "-c", "import botocore");
        process.StandardInput.Close();
        process.WaitForExit(30_000);
        return process.HasExited && process.ExitCode == 0
            ? null
            : $"{Python} has no botocore; install python3-botocore (CI's .ci/run does): {process.StandardError.ReadToEnd().Trim().Split('\n')[^1]}";
    }
}
