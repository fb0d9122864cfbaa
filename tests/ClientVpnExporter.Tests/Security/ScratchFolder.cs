namespace ClientVpnExporter.Tests.Security;

/// <summary>A fresh temporary folder for a test's files, deleted with everything in it on dispose.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        this.Path = Directory.CreateTempSubdirectory("clientvpn-exporter-test-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to a file of the folder and returns its full path.</summary>
    public string Write(string name, string text)
    {
        var file = this.PathOf(name);
        File.WriteAllText(file, text);
        return file;
    }

    public string PathOf(string name) => System.IO.Path.Combine(this.Path, name);

    public void Dispose() => Directory.Delete(this.Path, recursive: true);
}
