namespace ClientVpnExporter.EndToEnd.Tests.Support;

/// <summary>A form of the exporter that the process tests start: the JIT build output, or the shipped Native AOT binary.</summary>
public enum ExporterBuild
{
    /// <summary><c>dotnet build</c>'s output: the apphost with its assemblies, run on the shared .NET runtime.</summary>
    Jit,

    /// <summary><c>dotnet publish -r RID</c>'s native binary, which needs no .NET runtime (the image's form).</summary>
    Aot,
}
