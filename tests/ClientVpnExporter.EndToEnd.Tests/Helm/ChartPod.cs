using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClientVpnExporter.EndToEnd.Tests.Image;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>
/// The rendered Deployment's pod laid out in a scratch folder as the kubelet would lay it out in the image: the
/// image's files (the exporter's <see cref="ExporterBuild"/>, as the Dockerfile's runtime stage copies it to its WORKDIR), every
/// mounted ConfigMap, Secret, projected and emptyDir volume at its mount path under the scratch root, and the
/// process the container starts: the image's ENTRYPOINT with the container's args, the image's ENV overridden
/// by the container's env, as the pod's user. Container paths in args and env are moved under the scratch root,
/// as a mount namespace would; nothing else is changed.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed partial class ChartPod
{
    private readonly RenderedChart chart;
    private readonly ExporterBuild build;
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> clusterSecrets;
    private readonly List<string> mountPaths = [];

    /// <param name="chart">The rendered chart whose Deployment is laid out.</param>
    /// <param name="root">The scratch folder that stands for the container's file system.</param>
    /// <param name="clusterSecrets">Secrets the values name but the chart does not create (a TLS Secret, say): what the cluster holds.</param>
    /// <param name="build">The exporter laid out as the image's files: the shipped AOT binary, or the JIT build.</param>
    public ChartPod(RenderedChart chart, string root, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> clusterSecrets, ExporterBuild build)
    {
        this.chart = chart;
        this.build = build;
        this.Root = root;
        this.clusterSecrets = clusterSecrets;
    }

    public string Root { get; }

    public int ContainerPort => (int)(long)this.chart.Container["ports"]![0]!["containerPort"]!;

    private static Stage Runtime => Dockerfile.Stages(File.ReadAllText(RepositoryPaths.Dockerfile)).Stages[^1];

    /// <summary>
    /// Copies the image's files and writes every mounted volume; returns the file names written per mount path.
    /// Writable volumes (emptyDir, a claim) belong to the pod's fsGroup, group-writable, as the kubelet makes them.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> LayOutAsync()
    {
        var workdir = this.Inside(Runtime.All("WORKDIR").Last());
        CopyDirectory(await ExporterBinaries.FolderAsync(this.build), workdir);

        var written = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var volumes = this.chart.PodSpec["volumes"]!.AsArray().ToDictionary(v => (string)v!["name"]!, v => v!.AsObject(), StringComparer.Ordinal);

        // A StatefulSet's claim templates become volumes of the pod, each a claim of its own.
        foreach (var template in this.chart.Workload["spec"]!["volumeClaimTemplates"]?.AsArray() ?? [])
        {
            var name = (string)template!["metadata"]!["name"]!;
            volumes[name] = new JsonObject { ["name"] = name, ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = $"{name}-{this.chart.FirstPodName}" } };
        }
        foreach (var mount in this.chart.Container["volumeMounts"]!.AsArray())
        {
            var path = (string)mount!["mountPath"]!;
            var volume = volumes[(string)mount["name"]!];
            var files = this.VolumeFiles(volume);
            this.mountPaths.Add(path);
            if ((string?)mount["subPath"] is { } subPath)
            {
                Assert.True(files.ContainsKey(subPath), $"volume {mount["name"]} has no {subPath}");
                WriteFile(this.Inside(path), files[subPath]);
                written[path] = [subPath];
                continue;
            }

            Directory.CreateDirectory(this.Inside(path));
            if (volume["emptyDir"] is not null || volume["persistentVolumeClaim"] is not null)
            {
                var fsGroup = (long)this.chart.PodSpec["securityContext"]!["fsGroup"]!;
                var chown = await ExternalTool.RunAsync(ExternalTool.Find("chown", "coreutils"), [$":{fsGroup}", this.Inside(path)], null, TimeSpan.FromSeconds(10));
                Assert.True(chown.ExitCode == 0, chown.Output);
                File.SetUnixFileMode(this.Inside(path), (UnixFileMode)Convert.ToInt32("2775", 8));
            }

            foreach (var (name, content) in files)
            {
                WriteFile(Path.Combine(this.Inside(path), name), content);
            }

            written[path] = [.. files.Keys.Order(StringComparer.Ordinal)];
        }

        return written;
    }

    /// <summary>
    /// Starts the container's process: the image's ENTRYPOINT (or the container's command) and args, then
    /// <paramref name="moreArgs"/>; the image's ENV, the container's env, and <paramref name="injected"/>: what EKS'
    /// pod identity webhook adds to every pod of the service account (AWS_REGION and the credentials).
    /// </summary>
    public ChildProcess Start(IReadOnlyDictionary<string, string> injected, params string[] moreArgs)
    {
        var entrypoint = this.chart.Container["command"]?.AsArray().Select(c => (string)c!).ToArray()
            ?? System.Text.Json.JsonSerializer.Deserialize<string[]>(Runtime.All("ENTRYPOINT").Single())!;
        var args = this.chart.Container["args"]?.AsArray().Select(a => this.MapPaths((string)a!)).ToArray() ?? [];
        var workdir = this.Inside(Runtime.All("WORKDIR").Last());
        var program = Path.GetFullPath(Path.Combine(workdir, entrypoint[0]));

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var env in Runtime.All("ENV"))
        {
            foreach (Match pair in EnvPair().Matches(env))
            {
                environment[pair.Groups[1].Value] = pair.Groups[2].Value;
            }
        }

        foreach (var env in this.chart.Container["env"]?.AsArray() ?? [])
        {
            var name = (string)env!["name"]!;
            if (env["valueFrom"]?["secretKeyRef"] is { } reference)
            {
                environment[name] = this.SecretData((string)reference["name"]!)[(string)reference["key"]!];
                continue;
            }

            Assert.True(env["value"] is not null, $"env {name}: the test resolves a value or a secretKeyRef, not {env.ToJsonString()}");
            environment[name] = this.MapPaths((string)env["value"]!);
        }

        foreach (var (name, value) in injected)
        {
            environment[name] = value;
        }

        // What the image's base layer provides: a PATH, and for the JIT build the .NET runtime.
        ExporterBinaries.AddRuntime(this.build, environment);
        environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        environment["HOME"] = "/nonexistent";

        // The kubelet sets HOSTNAME to the pod's name; a shard takes its index from it (ClientVpn:Sharding:Index=auto).
        environment["HOSTNAME"] = this.chart.FirstPodName;

        var security = this.chart.PodSpec["securityContext"]!;
        var uid = (long)security["runAsUser"]!;
        var gid = (long)security["runAsGroup"]!;
        var fsGroup = (long)security["fsGroup"]!;
        return ChildProcess.Start(
            ExternalTool.Find("setpriv", "util-linux"),
            [$"--reuid={uid}", $"--regid={gid}", $"--groups={fsGroup}", "--", program, .. entrypoint[1..], .. args, .. moreArgs],
            workingDirectory: workdir,
            environment: environment,
            clearEnvironment: true);
    }

    /// <summary>A container path under the scratch root.</summary>
    public string Inside(string containerPath) => Path.Combine(this.Root, containerPath.TrimStart('/'));

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    private static void WriteFile(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>A volume's files, as the kubelet projects them: every key, or the listed items under their paths.</summary>
    private Dictionary<string, string> VolumeFiles(JsonObject volume)
    {
        if (volume["emptyDir"] is not null || volume["persistentVolumeClaim"] is not null)
        {
            return [];
        }

        if (volume["configMap"] is { } configMap)
        {
            return Project(this.ConfigMapData((string)configMap["name"]!), configMap["items"]);
        }

        if (volume["secret"] is { } secret)
        {
            return Project(this.SecretData((string)secret["secretName"]!), secret["items"]);
        }

        Assert.True(volume["projected"] is not null, $"volume {volume["name"]}: the test knows configMap, secret, projected, emptyDir and persistentVolumeClaim");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in volume["projected"]!["sources"]!.AsArray())
        {
            var projected = source!["secret"] is { } s
                ? Project(this.SecretData((string)s["name"]!), s["items"])
                : Project(this.ConfigMapData((string)source["configMap"]!["name"]!), source["configMap"]!["items"]);
            foreach (var (name, content) in projected)
            {
                Assert.True(files.TryAdd(name, content), $"two sources of volume {volume["name"]} project {name}");
            }
        }

        return files;
    }

    private static Dictionary<string, string> Project(IReadOnlyDictionary<string, string> data, JsonNode? items) =>
        items is null
            ? data.ToDictionary(StringComparer.Ordinal)
            : items.AsArray().ToDictionary(i => (string)i!["path"]!, i => data[(string)i!["key"]!], StringComparer.Ordinal);

    private Dictionary<string, string> ConfigMapData(string name)
    {
        var configMap = this.chart.Find("ConfigMap", name);
        Assert.True(configMap is not null, $"the pod mounts ConfigMap {name}, which the chart does not render");
        return configMap["data"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal);
    }

    private IReadOnlyDictionary<string, string> SecretData(string name)
    {
        if (this.chart.Find("Secret", name) is { } rendered)
        {
            return rendered["data"]!.AsObject().ToDictionary(p => p.Key, p => this.chart.SecretText(name, p.Key)!, StringComparer.Ordinal);
        }

        Assert.True(this.clusterSecrets.TryGetValue(name, out var data), $"the pod mounts Secret {name}, which neither the chart nor the test's cluster has");
        return data;
    }

    /// <summary>An argument or value naming a path inside a mount (--web.config.file=/etc/...) names it under the scratch root.</summary>
    private string MapPaths(string value)
    {
        var at = value.IndexOf('=', StringComparison.Ordinal) + 1;
        var path = value[at..];
        return this.mountPaths.Any(m => path == m || path.StartsWith(m.TrimEnd('/') + "/", StringComparison.Ordinal))
            ? value[..at] + this.Inside(path)
            : value;
    }

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(\S*)")]
    private static partial Regex EnvPair();
}
