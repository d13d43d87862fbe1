using System.Globalization;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Threading;
using MimeKit;
using MimeKit.IO;

namespace Mailflow.Core.Outbound;

/// <summary>
/// Builds the MIME message for a validated envelope. Bcc recipients go only into the SMTP envelope
/// (<see cref="OutgoingMail.Recipients"/>), never into a header (RFC 5322 §3.6.3 leaves it to the sender; a Bcc
/// header would show every blind recipient to whoever reads it). Bodies and attachments are encoded for 7-bit
/// transport with lines of at most 78 characters (RFC 5322 §2.1.1), since relays on the way may not take 8BITMIME;
/// names and subjects that are not ASCII are written as RFC 2047 encoded words by MimeKit.
/// </summary>
public static class OutboundComposer
{
    private static readonly FormatOptions s_wireFormat = CreateWireFormat();

    /// <summary>
    /// How the composed mail is measured and every sender writes it: CRLF line endings (RFC 5322 §2.1; MimeKit's
    /// default is the platform's, LF here), and no Bcc or Resent-Bcc header, whatever a message carries (Bcc recipients
    /// are in the SMTP envelope only). A copy: changing it changes nothing else.
    /// </summary>
    public static FormatOptions WireFormat => s_wireFormat.Clone();

    private static FormatOptions CreateWireFormat()
    {
        var format = new FormatOptions { NewLineFormat = NewLineFormat.Dos };
        format.HiddenHeaders.Add(HeaderId.Bcc);
        format.HiddenHeaders.Add(HeaderId.ResentBcc);
        return format;
    }

    /// <exception cref="OutboundInvalidException"><c>message-too-large</c> when the composed mail exceeds <see cref="ComposeRequest.MaxMessageBytes"/>.</exception>
    public static OutgoingMail Compose(ComposeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var envelope = request.Envelope;
        var from = envelope.From?.Address ?? throw new ArgumentException("The envelope has no sender; validate it first.", nameof(request));
        var message = new MimeMessage();
        message.From.Add(Mailbox(envelope.From));
        message.To.AddRange(Mailboxes(envelope.To));
        message.Cc.AddRange(Mailboxes(envelope.Cc));
        message.ReplyTo.AddRange(Mailboxes(envelope.ReplyTo));
        message.Subject = envelope.Subject ?? "";
        message.Date = request.Date;
        message.Headers.Replace(HeaderId.MessageId, MessageIds.ToHeader(request.MessageId));
        if (request.InReplyTo is { } inReplyTo)
        {
            message.Headers.Add(HeaderId.InReplyTo, MessageIds.ToHeader(inReplyTo));
        }
        if (request.References.Count > 0)
        {
            message.Headers.Add(HeaderId.References, string.Join(' ', request.References.Select(MessageIds.ToHeader)));
        }
        if (envelope.AutoReply == true)
        {
            // RFC 3834 §5: automatic responses say so, so that other responders do not answer them.
            message.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        }
        message.Headers.Add(MailHops.HeaderName, request.Hops.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in envelope.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.Add(name, value);
        }
        message.Body = Body(envelope, request.Attachments);
        message.Prepare(EncodingConstraint.SevenBit);

        EnsureWithinLimit(message, request.MaxMessageBytes);
        return new OutgoingMail(request.MailId, message, from, Recipients(envelope));
    }

    private static MimeEntity Body(OutboundEnvelope envelope, IReadOnlyList<ResolvedAttachment> attachments)
    {
        var builder = new BodyBuilder { TextBody = envelope.Text, HtmlBody = envelope.Html };
        foreach (var attachment in attachments)
        {
            // An image the HTML shows (cid:, RFC 2392) belongs with it in multipart/related (RFC 2387); anything
            // else is an ordinary attachment, keeping its Content-ID if it has one.
            var inline = attachment.ContentId is { } id && envelope.Html is { } html && References(html, id);
            var collection = inline ? builder.LinkedResources : builder.Attachments;
            var part = collection.Add(attachment.Filename, attachment.Content, ContentType.Parse(attachment.ContentType));
            if (attachment.ContentId is { } contentId)
            {
                part.ContentId = contentId;
            }
        }
        return builder.ToMessageBody();
    }

    private static bool References(string html, string contentId) =>
        html.Contains("cid:" + contentId, StringComparison.OrdinalIgnoreCase) ||
        html.Contains("cid:" + Uri.EscapeDataString(contentId), StringComparison.OrdinalIgnoreCase);

    private static void EnsureWithinLimit(MimeMessage message, long maxBytes)
    {
        using var measure = new MeasuringStream();
        message.WriteTo(s_wireFormat, measure);
        if (measure.Length > maxBytes)
        {
            throw new OutboundInvalidException([new OutboundProblem("$", ReasonCodes.MessageTooLarge,
                $"the composed mail is {measure.Length} bytes, over the limit of {maxBytes} (outbound.maxMessageBytes); send large files as links instead.")]);
        }
    }

    /// <summary>To, Cc and Bcc in order, each address once (compared ignoring case).</summary>
    private static List<string> Recipients(OutboundEnvelope envelope)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return [.. new[] { envelope.To, envelope.Cc, envelope.Bcc }
            .SelectMany(list => list ?? [])
            .Select(a => a.Address!)
            .Where(seen.Add)];
    }

    private static MailboxAddress Mailbox(OutboundAddress address) =>
        new(address.Name ?? "", address.Address ?? throw new ArgumentException("An address is missing; validate the envelope first."));

    private static IEnumerable<MailboxAddress> Mailboxes(IReadOnlyList<OutboundAddress>? addresses) => (addresses ?? []).Select(Mailbox);
}
