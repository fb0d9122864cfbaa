namespace ClientVpnExporter.EndToEnd.Tests.Support;

/// <summary>
/// Debian's <c>chromium</c> run headless, once per page: <c>--dump-dom</c> prints the document as the browser built it
/// (after parsing, with any script run), <c>--screenshot</c> saves what it drew. Each run gets its own profile
/// folder, so parallel runs share nothing.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Path => ExternalTool.Find("chromium", "chromium");

    /// <summary>The DOM of <paramref name="url"/> once loaded, serialized as HTML.</summary>
    public static async Task<string> DumpDomAsync(Uri url)
    {
        var result = await RunAsync(["--dump-dom", url.ToString()]);
        Assert.True(result.ExitCode == 0, $"chromium --dump-dom {url} exited {result.ExitCode}:\n{result.Errors}");
        return result.Output;
    }

    /// <summary>Saves a PNG of <paramref name="url"/> as drawn in a window of <paramref name="width"/> by <paramref name="height"/>.</summary>
    public static async Task ScreenshotAsync(Uri url, string pngPath, int width = 1600, int height = 1200)
    {
        var result = await RunAsync([$"--screenshot={pngPath}", $"--window-size={width},{height}", url.ToString()]);
        Assert.True(result.ExitCode == 0 && File.Exists(pngPath), $"chromium --screenshot {url} exited {result.ExitCode}:\n{result.Errors}");
    }

    private static async Task<ToolResult> RunAsync(string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("clientvpn-chromium-");
        try
        {
            // --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start. The page is ours.
            // --dump-dom writes the DOM to stdout and Chromium's own log lines to stderr; only stdout is the page.
            string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", $"--user-data-dir={profile.FullName}"];
            return await ExternalTool.RunStdoutAsync(Path, [.. common, .. arguments], Timeout);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
