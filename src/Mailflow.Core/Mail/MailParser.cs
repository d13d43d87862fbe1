using Mailflow.Core.Policy;
using MimeKit;

namespace Mailflow.Core.Mail;

/// <summary>
/// Parses raw mail with MimeKit from a seekable spool, with explicit, lenient options: real-world
/// mail breaks the RFCs and is still mail. What cannot be read at all becomes a
/// <see cref="MailParseException"/> with a reason code, never a crash or a silent drop.
/// </summary>
public static class MailParser
{
    public static ParserOptions Options { get; } = CreateOptions();

    private static ParserOptions CreateOptions()
    {
        // Before MimeKit's first use: it looks up charsets when its statics initialise.
        MailEncodings.Register();
        return new ParserOptions
        {
            AddressParserComplianceMode = RfcComplianceMode.Looser,
            ParameterComplianceMode = RfcComplianceMode.Looser,
            Rfc2047ComplianceMode = RfcComplianceMode.Looser,
            AllowUnquotedCommasInAddresses = true,
            AllowAddressesWithoutDomain = true,
            // Undeclared 8-bit header bytes are most often UTF-8 (RFC 6532); MimeKit falls back to Latin-1 when they are not.
            CharsetEncoding = System.Text.Encoding.UTF8,
            RespectContentLength = false,
            MaxAddressGroupDepth = 3,
            MaxMimeDepth = 64,
        };
    }

    /// <summary>Parses the whole message. The spool must be seekable and stay open for the life of the result.</summary>
    public static ParsedMail Parse(Stream spool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spool);
        if (spool.Length == 0)
        {
            throw new MailParseException(ReasonCodes.EmptyMessage, "The message is empty (0 bytes).");
        }
        spool.Position = 0;
        MimeMessage message;
        try
        {
            message = new MimeParser(Options, spool, MimeFormat.Entity, persistent: true).ParseMessage(cancellationToken);
        }
        catch (FormatException ex)
        {
            throw new MailParseException(ReasonCodes.MalformedMime, $"The message headers cannot be parsed: {ex.Message}", ex);
        }
        if (message.Headers.Count == 0)
        {
            message.Dispose();
            throw new MailParseException(ReasonCodes.MalformedMime, "The message has no header lines; it is not RFC 5322 mail.");
        }
        if (ClosingBoundaryScanner.FindUnclosed(message, spool, cancellationToken) is { } truncated)
        {
            message.Dispose();
            throw new MailParseException(ReasonCodes.MalformedMime,
                $"The {truncated.ContentType.MimeType} part has no closing boundary (RFC 2046 §5.1.1): the message is truncated.");
        }
        return new ParsedMail(message, spool);
    }

    /// <summary>Parses only the header block, for mail whose body will not be read (over the size limit).</summary>
    public static MimeMessage ParseHeaders(Stream spool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spool);
        spool.Position = 0;
        var message = new MimeMessage();
        try
        {
            var headers = new MimeParser(Options, spool, MimeFormat.Entity, persistent: true).ParseHeaders(cancellationToken);
            message.Headers.Clear();
            foreach (var header in headers)
            {
                message.Headers.Add(header);
            }
        }
        catch (FormatException)
        {
            // An unreadable header block leaves an empty header set: the mail still gets its outcome.
        }
        return message;
    }
}
