namespace ClientVpnExporter.Security;

/// <summary>
/// The PEM files <c>tls_server_config</c> names, as written there: <c>cert_file</c>, <c>key_file</c> and, for mutual
/// TLS, <c>client_ca_file</c>, relative to <see cref="Folder"/> (the web configuration file's folder) unless absolute.
/// </summary>
internal sealed record TlsCertificateFiles(string Folder, string CertFile, string KeyFile, string? ClientCaFile)
{
    public string PathOf(string file) => Path.Combine(this.Folder, file);

    /// <summary>
    /// What tells cheaply whether the files have changed since: each one's final target (after symbolic links, so a
    /// Kubernetes Secret volume's swap of its <c>..data</c> link shows), modification time and length. Taken before
    /// the files are read, so that a change made while they are read shows at the next look.
    /// </summary>
    public string Stamp() =>
        string.Join('|', new[] { this.CertFile, this.KeyFile, this.ClientCaFile }.OfType<string>().Select(file => StampOf(this.PathOf(file))));

    private static string StampOf(string path)
    {
        try
        {
            var file = new FileInfo(path);
            var target = file.LinkTarget is null ? file : file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
            return target.Exists ? $"{target.FullName}:{target.LastWriteTimeUtc.Ticks}:{target.Length}" : $"{target.FullName}:missing";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A link loop or an unreadable folder: reading the file will say what is wrong.
            return $"{path}:{ex.GetType().Name}";
        }
    }
}
