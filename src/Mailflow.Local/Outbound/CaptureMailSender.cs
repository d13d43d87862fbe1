using System.Text.Json;
using System.Text.RegularExpressions;
using Mailflow.Core.Outbound;
using Mailflow.Core.Ports;
using Mailflow.Core.Redaction;
using Mailflow.Core.Threading;
using Mailflow.Local.Storage;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Mailflow.Local.Outbound;

/// <summary>
/// The mail sender of <c>mailflow run</c> without a relay: instead of sending, it writes each mail to the outbox,
/// <c>{data}/outbox/{mailId}.eml</c> (the MIME a relay would have received: CRLF line ends, no Bcc header) and
/// <c>{mailId}.envelope.json</c> (<see cref="CapturedEnvelope"/>: envelope sender, every recipient including Bcc, time).
/// Each file is written with <see cref="DurableFile"/> (whole or absent, even across a crash), the envelope last: a
/// complete capture has both. Sending the same mail id again (a redelivered queue message) replaces both files.
/// </summary>
public sealed partial class CaptureMailSender(DataDirectory data, TimeProvider timeProvider, ILogger<CaptureMailSender> logger) : IMailSender
{
    public const string EnvelopeSuffix = ".envelope.json";

    private static readonly FormatOptions s_format = CreateFormat();

    public async Task<SentMail> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var eml = PathOf(mail.MailId);

        // Buffered: outbound mail is bounded by outbound.maxMessageBytes (10 MB by default), and DurableFile copies a stream.
        using (var content = new MemoryStream())
        {
            await mail.Message.WriteToAsync(s_format, content, cancellationToken).ConfigureAwait(false);
            content.Position = 0;
            await DurableFile.WriteAsync(eml, content, cancellationToken).ConfigureAwait(false);
        }
        var envelope = new CapturedEnvelope(mail.EnvelopeFrom, mail.Recipients, timeProvider.GetUtcNow());
        using (var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(envelope, CapturedEnvelopeJsonContext.Default.CapturedEnvelope)))
        {
            await DurableFile.WriteAsync(Path.ChangeExtension(eml, null) + EnvelopeSuffix, json, cancellationToken).ConfigureAwait(false);
        }

        SenderLog.Captured(logger, mail.MailId, eml, Redact.Addresses(mail.Recipients));
        var messageId = MessageIds.Normalize(mail.Message.MessageId);
        return new SentMail($"capture:{mail.MailId}", messageId is null ? [] : [messageId]);
    }

    /// <summary>
    /// <c>outbox/{mailId}.eml</c>. The mail id becomes a file name, so it must be one: letters, digits, '.', '_' and '-',
    /// not starting with '.'. Anything else is a caller's bug, not a property of the mail.
    /// </summary>
    public string PathOf(string mailId)
    {
        ArgumentNullException.ThrowIfNull(mailId);
        if (!SafeMailId().IsMatch(mailId))
        {
            throw new ArgumentException($"The mail id '{mailId}' cannot be a file name in the outbox.", nameof(mailId));
        }
        return Path.Combine(data.Outbox, mailId + ".eml");
    }

    private static FormatOptions CreateFormat()
    {
        var format = OutboundComposer.WireFormat;
        format.EnsureNewLine = true;
        return format;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeMailId();
}
