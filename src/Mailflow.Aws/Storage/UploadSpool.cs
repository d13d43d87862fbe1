using System.Buffers;

namespace Mailflow.Aws.Storage;

/// <summary>
/// Makes a non-seekable upload seekable with bounded memory. PutObject needs the length up front (Content-Length, or
/// x-amz-decoded-content-length with the SDK's chunked signing) and the SDK rewinds the body when it retries, so the
/// content must be seekable. Small content (most attachments) is kept in memory; anything over
/// <see cref="InMemoryLimit"/> goes to a temporary file deleted on close, so a 25 MB attachment decoded from base64 costs
/// disk, not memory. (A multipart upload would avoid the disk but costs three or more requests per object.)
/// </summary>
internal static class UploadSpool
{
    public const int InMemoryLimit = 1024 * 1024;

    private const int BufferSize = 81_920;

    /// <summary>Copies the rest of <paramref name="content"/>; the caller disposes the copy (and still owns the original).</summary>
    public static async Task<Stream> CopyAsync(Stream content, CancellationToken cancellationToken)
    {
        var memory = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (memory.Length + read > InMemoryLimit)
                {
                    return await SpillAsync(memory, buffer.AsMemory(0, read), content, cancellationToken).ConfigureAwait(false);
                }
                memory.Write(buffer, 0, read);
            }
            memory.Position = 0;
            return memory;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<Stream> SpillAsync(MemoryStream head, ReadOnlyMemory<byte> pending, Stream rest, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mailflow-upload-{Guid.NewGuid():N}");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            head.Position = 0;
            await head.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            await file.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
            await rest.CopyToAsync(file, BufferSize, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
