namespace ClientVpnExporter.Hosting;

/// <summary>Tags that split health checks between <c>/healthz</c> (liveness) and <c>/readyz</c> (readiness).</summary>
internal static class HealthTags
{
    public const string Ready = "ready";
}
