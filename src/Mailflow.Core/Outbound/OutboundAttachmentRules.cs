using System.Buffers.Text;
using System.Text.RegularExpressions;
using Mailflow.Core.Policy;
using MimeKit;

namespace Mailflow.Core.Outbound;

/// <summary>
/// The attachment rules of <see cref="OutboundValidator"/>. A storage key may name only what the app may read: an
/// inbound attachment (<c>attachments/…</c>, keys that embed SES's unguessable message ids, handed to the app in its
/// inbound envelopes) or the app's own uploads (<c>outbound/{app}/…</c>), never another app's files or a path that
/// climbs out of the store.
/// </summary>
internal static partial class OutboundAttachmentRules
{
    public const string InboundPrefix = "attachments/";

    public static string UploadPrefix(string? app) => $"outbound/{app}/";

    public static void Validate(OutboundEnvelope envelope, long maxAttachmentBytes, List<OutboundProblem> problems)
    {
        for (var i = 0; envelope.Attachments is { } attachments && i < attachments.Count; i++)
        {
            var path = $"$.attachments[{i}]";
            if (attachments[i] is not { } attachment)
            {
                problems.Add(new(path, ReasonCodes.InvalidEnvelope, "an attachment object is required here, not null."));
                continue;
            }
            CheckFilename(path, attachment.Filename, problems);
            CheckContentType(path, attachment.ContentType, problems);
            CheckContentId(path, attachment.ContentId, problems);
            switch (attachment)
            {
                case { Content: null, StorageKey: null } or { Content: not null, StorageKey: not null }:
                    problems.Add(new(path, ReasonCodes.InvalidEnvelope, "give exactly one of \"content\" (the bytes, base64) and \"storageKey\" (a stored file)."));
                    break;
                case { Content: { } content }:
                    CheckContent(path, content, maxAttachmentBytes, problems);
                    break;
                case { StorageKey: { } key }:
                    CheckStorageKey(path, key, envelope.App, problems);
                    break;
            }
        }
    }

    private static void CheckFilename(string path, string? filename, List<OutboundProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(filename))
        {
            problems.Add(new($"{path}.filename", ReasonCodes.InvalidEnvelope, "required: the name the recipient sees, e.g. invoice.pdf."));
        }
        else if (OutboundText.HasControl(filename))
        {
            problems.Add(new($"{path}.filename", ReasonCodes.HeaderInjection, OutboundHeaderRules.ControlMessage));
        }
    }

    private static void CheckContentType(string path, string? contentType, List<OutboundProblem> problems)
    {
        if (contentType is null)
        {
            return;
        }
        if (OutboundText.HasControl(contentType))
        {
            problems.Add(new($"{path}.contentType", ReasonCodes.HeaderInjection, OutboundHeaderRules.ControlMessage));
        }
        else if (!MediaType().IsMatch(contentType) || !ContentType.TryParse(contentType, out _))
        {
            problems.Add(new($"{path}.contentType", ReasonCodes.InvalidEnvelope,
                "not a media type: write type/subtype without parameters, e.g. application/pdf (RFC 6838 §4.2), or leave it out to derive it from the filename."));
        }
        else if (contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new($"{path}.contentType", ReasonCodes.InvalidEnvelope,
                "a multipart type describes a MIME structure, not a file (RFC 2046 §5.1); attach a mail as message/rfc822."));
        }
    }

    private static void CheckContentId(string path, string? contentId, List<OutboundProblem> problems)
    {
        if (contentId is null)
        {
            return;
        }
        if (OutboundText.HasControl(contentId))
        {
            problems.Add(new($"{path}.contentId", ReasonCodes.HeaderInjection, OutboundHeaderRules.ControlMessage));
        }
        else if (!ContentIdText().IsMatch(contentId))
        {
            problems.Add(new($"{path}.contentId", ReasonCodes.InvalidEnvelope,
                "write the id the HTML uses after cid:, e.g. logo or logo@app: ASCII letters, digits and !#$%&'*+-/=?^_`{|}~.@, no angle brackets or spaces (RFC 2392)."));
        }
    }

    private static void CheckContent(string path, string content, long maxAttachmentBytes, List<OutboundProblem> problems)
    {
        if (!Base64.IsValid(content, out var decodedLength))
        {
            problems.Add(new($"{path}.content", ReasonCodes.InvalidEnvelope, "not base64 (RFC 4648 §4): encode the file's bytes with the standard alphabet and padding."));
        }
        else if (decodedLength > maxAttachmentBytes)
        {
            problems.Add(new($"{path}.content", ReasonCodes.TooLarge,
                $"the attachment is {decodedLength} bytes, over the limit of {maxAttachmentBytes} (outbound.maxAttachmentBytes)."));
        }
    }

    private static void CheckStorageKey(string path, string key, string? app, List<OutboundProblem> problems)
    {
        var allowed = key.StartsWith(InboundPrefix, StringComparison.Ordinal) || key.StartsWith(UploadPrefix(app), StringComparison.Ordinal);
        if (!allowed || key.Contains("..", StringComparison.Ordinal) || key.Contains('\\', StringComparison.Ordinal) || key.Any(char.IsControl))
        {
            problems.Add(new($"{path}.storageKey", ReasonCodes.InvalidEnvelope,
                $"a storage key names an inbound attachment ({InboundPrefix}…, from an inbound envelope) or one of this app's uploads ({UploadPrefix(app)}…), without \"..\"."));
        }
    }

    // RFC 6838 §4.2 restricted-name, twice: the form mailflow.outbound.v1's schema also checks.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$")]
    private static partial Regex MediaType();

    // The dot-atom-text of a msg-id (RFC 5322 §3.6.4) with its "@", without the angle brackets around it.
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.@-]{1,250}$")]
    private static partial Regex ContentIdText();
}
