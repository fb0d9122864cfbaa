using System.Reflection;

namespace ClientVpnExporter.Diagnostics;

/// <summary>The exporter's version and runtime, for <c>clientvpn_exporter_build_info</c> and the landing page.</summary>
internal static class BuildInfo
{
    public static string Version { get; } =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    public static string Runtime { get; } = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
}
