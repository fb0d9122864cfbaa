using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Hosting;

/// <summary>The page at <c>/</c>: what this is and where to look.</summary>
internal static class LandingPage
{
    public static string Html { get; } = $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>AWS Client VPN exporter</title></head>
        <body>
        <h1>AWS Client VPN exporter</h1>
        <p>Version {{BuildInfo.Version}}.</p>
        <ul>
        <li><a href="metrics">/metrics</a>: Prometheus metrics</li>
        <li><a href="healthz">/healthz</a>: liveness</li>
        <li><a href="readyz">/readyz</a>: readiness (after the first complete poll)</li>
        </ul>
        </body>
        </html>
        """;
}
