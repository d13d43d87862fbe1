using System.Runtime.InteropServices;

namespace Mailflow.Local.Storage;

/// <summary>
/// Writes a file so that it is complete and on disk before the call returns: content to a temporary
/// name, fsync, rename into place, fsync of the directory (a new name is only durable once its
/// directory is; see fsync(2)). A crash leaves either no file or the whole file under its final name.
/// </summary>
public static partial class DurableFile
{
    private const int BufferSize = 81_920;

    public static async Task<long> WriteAsync(string path, Stream content, CancellationToken cancellationToken) =>
        await WriteAsync(path, content, overwrite: true, createMode: null, cancellationToken).ConfigureAwait(false) ?? 0;

    /// <summary>
    /// Writes the file only if none exists under <paramref name="path"/> (the rename into place refuses to replace one, so
    /// of two processes creating it at once exactly one wins). With <paramref name="createMode"/> the file is created with
    /// those permissions before any byte is written, so a secret is never readable by others, not even for a moment.
    /// </summary>
    /// <returns>False when the file already existed; it is left as it was.</returns>
    public static async Task<bool> CreateNewAsync(string path, Stream content, UnixFileMode? createMode, CancellationToken cancellationToken) =>
        await WriteAsync(path, content, overwrite: false, createMode, cancellationToken).ConfigureAwait(false) is not null;

    /// <returns>The length written, or null when <paramref name="overwrite"/> is false and the file existed.</returns>
    private static async Task<long?> WriteAsync(string path, Stream content, bool overwrite, UnixFileMode? createMode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        long length;
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = BufferSize,
                Options = FileOptions.Asynchronous,
            };
            if (createMode is { } mode && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = mode;
            }
            var file = new FileStream(temporary, options);
            await using (file.ConfigureAwait(false))
            {
                await content.CopyToAsync(file, BufferSize, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                length = file.Length;
            }
            if (!overwrite && File.Exists(path))
            {
                File.Delete(temporary);
                return null;
            }
            File.Move(temporary, path, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            // Another writer created the file between the check and the rename: theirs stands.
            File.Delete(temporary);
            return null;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        SyncDirectory(directory);
        return length;
    }

    private static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }
        var handle = Open(directory, 0);
        if (handle < 0)
        {
            throw new IOException($"Cannot open {directory} to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }
        try
        {
            if (Fsync(handle) != 0)
            {
                throw new IOException($"fsync of {directory} failed (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(handle);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
