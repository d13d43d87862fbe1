using MimeKit;

namespace Mailflow.Core.Mail;

/// <summary>A parsed message bound to its spool: part contents are read from the spool on demand, so keep it open while in use.</summary>
public sealed class ParsedMail(MimeMessage message, Stream spool) : IAsyncDisposable
{
    public MimeMessage Message { get; } = message;

    public async ValueTask DisposeAsync()
    {
        Message.Dispose();
        await spool.DisposeAsync().ConfigureAwait(false);
    }
}
