namespace Mailflow.Core.Mail;

/// <summary>
/// Makes raw mail seekable without holding it in memory: MimeKit's persistent parsing keeps
/// part contents as ranges of this stream instead of copying them (MimeParser, persistent: true).
/// A seekable source is used as it is; anything else is copied to a temporary file deleted on close.
/// </summary>
public static class MailSpool
{
    private const int BufferSize = 81_920;

    public static async Task<Stream> CreateAsync(Stream source, CancellationToken cancellationToken)
    {
        if (source.CanSeek)
        {
            source.Position = 0;
            return source;
        }
        var path = Path.Combine(Path.GetTempPath(), $"mailflow-spool-{Guid.NewGuid():N}.eml");
        var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await using (source.ConfigureAwait(false))
            {
                await source.CopyToAsync(spool, BufferSize, cancellationToken).ConfigureAwait(false);
            }
            spool.Position = 0;
            return spool;
        }
        catch
        {
            await spool.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
