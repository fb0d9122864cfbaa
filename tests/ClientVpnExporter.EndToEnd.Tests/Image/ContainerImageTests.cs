using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Image;

/// <summary>
/// The container image. There is no Docker engine here, so the test runs the Dockerfile's build stage itself:
/// its COPY steps (through .dockerignore) into a scratch folder standing in for /src, and its RUN steps, the
/// restore and the publish, exactly as written. Then it starts the published output the way the runtime stage
/// does, as the image's non-root user, with --demo, and scrapes it.
/// </summary>
[SupportedOSPlatform("linux")]
public partial class ContainerImageTests
{
    private const int ImageUid = 1654; // APP_UID of the .NET chiseled images.

    private static readonly string Text = File.ReadAllText(RepositoryPaths.Dockerfile);
    private static readonly (IReadOnlyList<Instruction> GlobalArgs, IReadOnlyList<Stage> Stages) Parsed = Dockerfile.Stages(Text);

    private static Stage Build => Parsed.Stages.Single(s => s.Name == "build");

    private static Stage Runtime => Parsed.Stages[^1];

    [Fact]
    public void Dockerfile_CompilesNativelyOnTheBuildPlatformForTheTarget_AndRunsTheBinaryOnChiseledRuntimeDepsAsNonRoot()
    {
        Assert.Equal(2, Parsed.Stages.Count);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:", Build.From, StringComparison.Ordinal);
        Assert.EndsWith("-aot", Build.From, StringComparison.Ordinal); // clang, llvm and zlib for Native AOT
        Assert.Equal("$BUILDPLATFORM", Build.Platform);
        Assert.Contains("TARGETARCH", Build.All("ARG"));
        Assert.Contains("BUILDARCH", Build.All("ARG"));

        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:", Runtime.From, StringComparison.Ordinal);
        Assert.EndsWith("-chiseled", Runtime.From, StringComparison.Ordinal);
        Assert.Empty(Runtime.All("RUN")); // nothing runs on the target platform, so a multi-arch build needs no emulation
        Assert.Equal("$APP_UID", Runtime.All("USER").Single());
        Assert.Equal("9926", Runtime.All("EXPOSE").Single());
        Assert.Equal(["./clientvpn-exporter"], JsonSerializer.Deserialize<string[]>(Runtime.All("ENTRYPOINT").Single())!);
        Assert.Equal("--from=build /app ./", Runtime.All("COPY").Single());
    }

    [Theory]
    [InlineData("arm64", "aarch64-linux-gnu", "http://ports.ubuntu.com/ubuntu-ports/")]
    [InlineData("amd64", "x86-64-linux-gnu", "http://archive.ubuntu.com/ubuntu/")]
    public void Dockerfile_CrossCompiling_InstallsTheTargetsGccAndZlibFromItsArchive_BeforeAnyCopy(string target, string triple, string archive)
    {
        var steps = Build.Instructions.Where(i => i.Keyword is "COPY" or "RUN").ToList();
        var toolchain = steps[0];

        Assert.Equal("RUN", toolchain.Keyword);
        Assert.StartsWith("if [ \"$TARGETARCH\" != \"$BUILDARCH\" ]; then", toolchain.Arguments, StringComparison.Ordinal);
        Assert.Contains($"{target}) triple={triple} archive={archive} ;;", toolchain.Arguments, StringComparison.Ordinal);
        Assert.Contains("\"gcc-$triple\" \"zlib1g-dev:$TARGETARCH\"", toolchain.Arguments, StringComparison.Ordinal);
        Assert.Equal("COPY", steps[1].Keyword);
    }

    [Fact]
    public void Dockerfile_CarriesTheOciLabels()
    {
        var labels = string.Join(' ', Runtime.All("LABEL"));

        foreach (var key in new[] { "title", "description", "source", "url", "documentation", "vendor", "version", "revision", "created", "base.name" })
        {
            Assert.Contains($"org.opencontainers.image.{key}=", labels, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dockerfile_RestoresAsItsOwnLayer_BeforeTheSourceIsCopied()
    {
        // From the first COPY: the cross toolchain's RUN before it depends on no file of the context.
        var steps = Build.Instructions.Where(i => i.Keyword is "COPY" or "RUN").SkipWhile(i => i.Keyword == "RUN").ToList();
        var restore = steps.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var publish = steps.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal));

        Assert.InRange(restore, 1, publish - 2);
        Assert.All(steps.Take(restore), copy => Assert.Matches(@"^([^ ]+\.(csproj|props)|\.editorconfig)( [^ ]+\.(csproj|props)| \.editorconfig)* [^ ]+/$", copy.Arguments));
        Assert.Equal("COPY", steps[restore + 1].Keyword);
        Assert.Contains("-a $TARGETARCH", steps[restore].Arguments, StringComparison.Ordinal);
        Assert.Contains("-a $TARGETARCH", steps[publish].Arguments, StringComparison.Ordinal);
        Assert.Contains("--no-restore", steps[publish].Arguments, StringComparison.Ordinal);
        Assert.Contains("-c Release", steps[publish].Arguments, StringComparison.Ordinal);
        Assert.DoesNotContain("--self-contained", steps[publish].Arguments, StringComparison.Ordinal); // Native AOT is self-contained
    }

    [Theory]
    [InlineData("src/ClientVpnExporter/bin/Release/net10.0/clientvpn-exporter.dll", true)]
    [InlineData("src/ClientVpnSimulator/obj/project.assets.json", true)]
    [InlineData(".git/HEAD", true)]
    [InlineData("tests/ClientVpnExporter.Tests/ClientVpnExporter.Tests.csproj", true)]
    [InlineData("artifacts/test-results/a.trx", true)]
    [InlineData("src/ClientVpnExporter/Program.cs", false)]
    [InlineData("src/ClientVpnExporter/ClientVpnExporter.csproj", false)]
    [InlineData("src/ClientVpnExporter/appsettings.json", false)]
    [InlineData("Directory.Packages.props", false)]
    [InlineData(".editorconfig", false)]
    public void DockerIgnore_KeepsBuildOutputGitAndTestsOutOfTheContext(string path, bool excluded)
    {
        var ignore = new DockerIgnore(File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".dockerignore")));

        Assert.Equal(excluded, ignore.Excludes(path));
    }

    [Fact]
    public async Task BuildStageRunAsWritten_PublishesANativeExporterThatServesMetricsAsNonRootInDemoModeWithoutADotnetRuntime()
    {
        var setpriv = ExternalTool.Find("setpriv", "util-linux");
        var root = Directory.CreateTempSubdirectory("clientvpn-image-");
        try
        {
            // The scratch folder stands in for the image's file system; the non-root user must read the output.
            File.SetUnixFileMode(root.FullName, (UnixFileMode)Convert.ToInt32("755", 8));
            var app = await RunBuildStageAsync(root.FullName);
            Assert.True(File.Exists(Path.Combine(app, "clientvpn-exporter")), "the publish output has the clientvpn-exporter binary");
            Assert.Equal(
                ["appsettings.json", "clientvpn-exporter", "clientvpn-exporter.staticwebassets.endpoints.json"],
                Directory.GetFiles(app).Select(Path.GetFileName).Order(StringComparer.Ordinal)); // native: no assemblies, no symbols

            var port = FreePort.Next();
            var entrypoint = JsonSerializer.Deserialize<string[]>(Runtime.All("ENTRYPOINT").Single())!;
            // runtime-deps has no .NET runtime, so no DOTNET_ROOT: the native binary needs none.
            var environment = ImageEnvironment();
            environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
            environment["HOME"] = "/nonexistent";
            using var exporter = ChildProcess.Start(
                setpriv,
                [$"--reuid={ImageUid}", $"--regid={ImageUid}", "--clear-groups", "--", Path.GetFullPath(Path.Combine(app, entrypoint[0])), .. entrypoint[1..], "--demo", "--urls", $"http://127.0.0.1:{port}"],
                workingDirectory: app,
                environment: environment,
                clearEnvironment: true);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };

            var metrics = await Poll.UntilAsync(
                async () =>
                {
                    Assert.False(exporter.HasExited, "the exporter exited:\n" + exporter.RecentOutput);
                    var text = await http.GetStringAsync("metrics");
                    return ConnectionsSample().IsMatch(text) ? text : null;
                },
                TimeSpan.FromSeconds(60),
                "clientvpn_connections on /metrics of the published exporter",
                () => exporter.RecentOutput);

            Assert.Contains("clientvpn_endpoint_up{", metrics, StringComparison.Ordinal);
            Assert.Equal(ImageUid.ToString(System.Globalization.CultureInfo.InvariantCulture), UidOf(exporter.Id));
            Assert.True((await http.GetAsync("readyz")).IsSuccessStatusCode);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Runs the build stage's ARG, WORKDIR, COPY and RUN instructions with the image's absolute paths moved
    /// under <paramref name="root"/>; returns where the runtime stage's COPY --from=build takes its files.
    /// </summary>
    private static async Task<string> RunBuildStageAsync(string root)
    {
        var ignore = new DockerIgnore(File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".dockerignore")));
        var architecture = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            var other => throw new PlatformNotSupportedException(other.ToString()),
        };
        var environment = new Dictionary<string, string>
        {
            ["TARGETARCH"] = architecture,
            ["BUILDARCH"] = architecture, // BuildKit's own arguments: this machine builds for itself
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            // No build servers outliving the build: they would hold the output pipes open.
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["UseSharedCompilation"] = "false",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        };
        var workdir = root;
        foreach (var instruction in Build.Instructions)
        {
            switch (instruction.Keyword)
            {
                case "ARG":
                    var (name, value) = Split(instruction.Arguments);
                    environment.TryAdd(name, value ?? "");
                    break;
                case "WORKDIR":
                    workdir = Resolve(root, workdir, instruction.Arguments);
                    Directory.CreateDirectory(workdir);
                    break;
                case "COPY":
                    var parts = instruction.Arguments.Split(' ');
                    Assert.DoesNotContain(parts, p => p.StartsWith("--", StringComparison.Ordinal));
                    var destination = Resolve(root, workdir, parts[^1]);
                    foreach (var source in parts[..^1])
                    {
                        Copy(source.TrimEnd('/'), destination, parts[^1].EndsWith('/') || parts.Length > 2, ignore);
                    }

                    break;
                case "RUN":
                    var command = AbsolutePath().Replace(instruction.Arguments, m => root + m.Value);
                    // Native AOT compilation takes minutes of CPU, more on a loaded machine.
                    var result = await ExternalTool.RunAsync("/bin/sh", ["-c", command], workdir, TimeSpan.FromMinutes(20), environment);
                    Assert.True(result.ExitCode == 0, $"RUN {instruction.Arguments} failed:\n{result.Output}");
                    break;
                default:
                    Assert.Fail($"The test does not know the build stage's {instruction.Keyword}; teach it before using it.");
                    break;
            }
        }

        var from = Runtime.All("COPY").Single().Split(' ')[1];
        return Resolve(root, workdir, from);
    }

    private static void Copy(string source, string destination, bool intoFolder, DockerIgnore ignore)
    {
        var from = Path.Combine(RepositoryPaths.Root, source);
        if (File.Exists(from))
        {
            Directory.CreateDirectory(intoFolder ? destination : Path.GetDirectoryName(destination)!);
            File.Copy(from, intoFolder ? Path.Combine(destination, Path.GetFileName(from)) : destination, overwrite: true);
            return;
        }

        Assert.True(Directory.Exists(from), $"COPY source {source} is not in the build context");
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/');
            if (ignore.Excludes(relative))
            {
                continue;
            }

            var target = Path.Combine(destination, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>The runtime stage's ENV, as the container would see it.</summary>
    private static Dictionary<string, string?> ImageEnvironment()
    {
        var environment = new Dictionary<string, string?>();
        foreach (var env in Runtime.All("ENV"))
        {
            foreach (Match pair in EnvPair().Matches(env))
            {
                environment[pair.Groups[1].Value] = pair.Groups[2].Value;
            }
        }

        Assert.Equal("http://+:9926", environment["ASPNETCORE_URLS"]);
        return environment;
    }

    private static (string Name, string? Default) Split(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (argument, null) : (argument[..equals], argument[(equals + 1)..]);
    }

    private static string Resolve(string root, string workdir, string path) =>
        path.StartsWith('/') ? Path.Combine(root, path.TrimStart('/')) : Path.GetFullPath(Path.Combine(workdir, path));

    private static string UidOf(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];

    [GeneratedRegex(@"(?<=\s)/(app|src)\b")]
    private static partial Regex AbsolutePath();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(\S*)")]
    private static partial Regex EnvPair();

    [GeneratedRegex(@"(?m)^clientvpn_connections\{")]
    private static partial Regex ConnectionsSample();
}
