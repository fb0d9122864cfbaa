using System.Text.Json;
using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Persistence;

/// <summary>
/// Reads and writes the state file (<c>ClientVpn:StateFile</c>). A write goes to a temporary file in the same
/// folder, is flushed to disk, then renamed over the old file, so a crash or a full disk leaves the previous state
/// whole. A file that cannot be used is logged and counted, and the exporter starts from a baseline: refusing to
/// start over a damaged cache would take monitoring down.
/// </summary>
internal sealed partial class StateFile(string path, StateFileMetrics metrics, ILogger logger)
{
    /// <summary>The largest file read: far above what the ledgers of a large fleet hold, and a guard against reading without end.</summary>
    public const long MaxBytes = 512L << 20;

    private bool writeFailing;

    /// <summary>The file's path.</summary>
    public string Path { get; } = path;

    private string TemporaryPath => System.IO.Path.Combine(
        System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(this.Path)) ?? ".",
        "." + System.IO.Path.GetFileName(this.Path) + ".tmp");

    /// <summary>Why the state file could not be written, or null when it can: tried at startup by creating a file beside it.</summary>
    public static string? ProblemWriting(string path)
    {
        try
        {
            var full = System.IO.Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                return $"'{path}' is a directory; give a file path in it.";
            }

            // A device or a named pipe would be opened by every read (a pipe waits for a writer for ever) and
            // renamed over by every write.
            if (File.Exists(full) && FileType.IsRegularFile(full) == false)
            {
                return $"'{path}' is not a regular file (a device, pipe or socket); give the path of a file.";
            }

            var directory = System.IO.Path.GetDirectoryName(full);
            if (directory is null || !Directory.Exists(directory))
            {
                return $"the directory of '{path}' does not exist.";
            }

            var probe = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileName(full) + ".probe");
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"cannot write in the directory of '{path}': {ex.Message}";
        }
    }

    /// <summary>The state in the file; null when there is none or it cannot be used (then logged and counted).</summary>
    public StateDocument? Read()
    {
        if (!File.Exists(this.Path))
        {
            this.LogNoStateFile(this.Path);
            return null;
        }

        // Refused at startup too; this guards against a pipe put there since, whose opening would wait for ever.
        if (FileType.IsRegularFile(this.Path) == false)
        {
            return this.Unusable("it is not a regular file");
        }

        string problem;
        try
        {
            using var stream = new FileStream(this.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxBytes)
            {
                problem = $"it is larger than {MaxBytes >> 20} MiB";
            }
            else if (JsonSerializer.Deserialize(stream, StateFileJsonContext.Default.StateDocument) is not { } document)
            {
                problem = "it holds no document";
            }
            else if (document.Version is < StateDocument.OldestReadVersion or > StateDocument.CurrentVersion)
            {
                problem = $"it has version {document.Version}, this exporter reads versions {StateDocument.OldestReadVersion} to {StateDocument.CurrentVersion}";
            }
            else if (StateDocumentCheck.Problem(document) is { } invalid)
            {
                problem = invalid;
            }
            else
            {
                this.LogRestored(this.Path, document.Endpoints.Count);
                return document;
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            problem = ex.Message;
        }

        return this.Unusable(problem);
    }

    /// <summary>Replaces the file with <paramref name="document"/>; a failure is logged once until a write works again, and counted.</summary>
    public void Write(StateDocument document)
    {
        var temporary = this.TemporaryPath;
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                JsonSerializer.Serialize(stream, document, StateFileJsonContext.Default.StateDocument);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, this.Path, overwrite: true);
            if (this.writeFailing)
            {
                this.writeFailing = false;
                this.LogWriteRecovered(this.Path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            metrics.Error("write");
            if (!this.writeFailing)
            {
                this.writeFailing = true;
                this.LogWriteFailed(this.Path, ex.Message);
            }

            TryDelete(temporary);
        }
    }

    private StateDocument? Unusable(string problem)
    {
        metrics.Error("read");
        this.LogUnusable(this.Path, problem);
        return null;
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind; the next write replaces it.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No state file at {Path} yet: totals start from a baseline of what the API lists now.")]
    private partial void LogNoStateFile(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Restored the ledgers of {Endpoints} endpoints from {Path}: their totals continue.")]
    private partial void LogRestored(string path, int endpoints);

    [LoggerMessage(Level = LogLevel.Error, Message = "The state file {Path} cannot be used ({Problem}): totals start from a baseline of what the API lists now, and the file is replaced after the first poll. Counted in clientvpn_exporter_state_file_errors_total.")]
    private partial void LogUnusable(string path, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the state file {Path} failed ({Reason}); totals are still exported, but a restart now would start from a baseline. Counted in clientvpn_exporter_state_file_errors_total.")]
    private partial void LogWriteFailed(string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Writing the state file {Path} works again.")]
    private partial void LogWriteRecovered(string path);
}
