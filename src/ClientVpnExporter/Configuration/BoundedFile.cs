using System.Text;

namespace ClientVpnExporter.Configuration;

/// <summary>
/// Reads a file a setting names (the web configuration file, <c>appsettings*.json</c>) only when it is a regular file of at
/// most <see cref="MaxBytes"/>: a device (<c>/dev/zero</c>) would be read until memory runs out, and opening a named pipe
/// waits for a writer that may never come.
/// </summary>
internal static class BoundedFile
{
    /// <summary>The largest file read; configuration files are a few kilobytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The file's text; null, with <paramref name="problem"/> saying why (e.g. "cannot be read: …"), when it is refused.</summary>
    public static string? ReadText(string path, out string? problem)
    {
        problem = Refusal(path);
        if (problem is not null)
        {
            return null;
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            using var content = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = file.Read(chunk)) > 0)
            {
                content.Write(chunk, 0, read);
                if (content.Length > MaxBytes)
                {
                    problem = TooLarge;
                    return null;
                }
            }

            content.Position = 0;
            using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot be read: {ex.Message.TrimEnd('.')}";
            return null;
        }
    }

    /// <summary>Why the file would be refused without opening it, or null when it may be read (or does not exist, which reading reports).</summary>
    public static string? Refusal(string path)
    {
        if (FileType.IsRegularFile(path) == false)
        {
            return "is not a regular file (a device, pipe, socket or folder); give the path of a file";
        }

        try
        {
            var file = new FileInfo(path);
            return file.Exists && file.Length > MaxBytes ? TooLarge : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {ex.Message.TrimEnd('.')}";
        }
    }

    private static string TooLarge => $"is larger than {MaxBytes / 1024 / 1024} MiB, the most a configuration file may hold";
}
