using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Mailflow.Core.Outbound;
using Mailflow.Core.Ports;
using Mailflow.Core.Redaction;
using Mailflow.Core.Threading;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Mailflow.Aws.Ses;

/// <summary>
/// Sends outbound mail with SES v2 <c>SendEmail</c> and raw content
/// (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html), over HTTPS signed with SigV4 from the
/// function role's credentials (DESIGN.md §3: no long-lived SMTP user; there is no SES v2 SDK package, §4).
/// <list type="bullet">
/// <item>The MIME message goes as composed, written with <see cref="OutboundComposer.WireFormat"/> (CRLF), Base64 in
/// <c>Content.Raw.Data</c>. Bcc and Resent-Bcc headers are never transmitted.</item>
/// <item>The envelope is explicit: <c>Destination</c> holds every <see cref="OutgoingMail.Recipients"/> entry. With raw
/// content SES otherwise takes the recipients from the To/Cc/Bcc headers, so a Bcc-only recipient, who is in no header,
/// would get nothing (Anymail's SES v2 backend: "providing them in the Destination param … is required for 'bcc'", and
/// with raw content they "don't replace the corresponding raw mime_message headers"; django-anymail#189). Recipients
/// named in the To or Cc header go in <c>ToAddresses</c>/<c>CcAddresses</c>, the rest in <c>BccAddresses</c>, so the
/// split matches the headers even if SES ever rendered it.</item>
/// <item><c>FromEmailAddress</c> (the identity SES checks, "has to be verified") is the From header's mailbox, display
/// name included and RFC 2047-encoded as SES asks for "friendly from" names
/// (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_Destination.html): SES v2 replaces the raw From header with
/// this value, and a bare address would drop the sender's name (laravel/framework#37881, aws/aws-sdk-rails#97).</item>
/// <item>SES does not support SMTPUTF8 (API_Destination): IDN domains go as punycode, and a non-ASCII local part, which
/// only SMTPUTF8 can carry, is rejected before anything is sent.</item>
/// <item>The result lists Mailflow's own Message-ID, then the one SES rewrote it to (<see cref="SesMessageIds"/>),
/// last: the pipeline records the last as what recipients see.</item>
/// <item>Failures are classified by <see cref="SesV2Failures"/>. SendEmail is not idempotent: a timeout after SES took
/// the mail is deferred like any other, and the redelivery may send it twice.</item>
/// </list>
/// </summary>
public sealed class SesV2MailSender : IMailSender
{
    /// <summary>The wire format with 7-bit headers (SES takes no SMTPUTF8); read-only once built, shared by every send.</summary>
    private static readonly FormatOptions s_mimeFormat = CreateFormat(maxLineLength: null);

    /// <summary>For the From display name: 7-bit, one line (998 is RFC 5322's line limit).</summary>
    private static readonly FormatOptions s_fromFormat = CreateFormat(maxLineLength: 998);

    /// <summary>The signing name of SES v2 (its model's <c>signingName</c>), not the endpoint prefix <c>email</c>.</summary>
    public const string SigningName = "ses";

    private const string SendEmailPath = "v2/email/outbound-emails";
    private const string ErrorTypeHeader = "x-amzn-ErrorType";

    private readonly HttpClient _http;
    private readonly SesV2Options _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SigV4Signer _signer;
    private readonly Uri _sendEmailUri;

    /// <exception cref="ArgumentException">The options are incomplete: no region, a relative or non-http(s) endpoint, or a timeout that is not positive.</exception>
    public SesV2MailSender(HttpClient http, SesV2Options options, TimeProvider time, ILogger<SesV2MailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Region, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Endpoint, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Credentials, nameof(options));
        if (!options.Endpoint.IsAbsoluteUri || (options.Endpoint.Scheme != Uri.UriSchemeHttps && options.Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The SES endpoint must be an absolute http(s) URL, not \"{options.Endpoint}\".", nameof(options));
        }
        if (options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The SES timeout must be positive (got {options.Timeout}).", nameof(options));
        }
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        _signer = new SigV4Signer(options.Region, SigningName);
        _sendEmailUri = new Uri(options.Endpoint.AbsoluteUri.TrimEnd('/') + "/" + SendEmailPath, UriKind.Absolute);
        EndpointName = options.Endpoint.Authority;
    }

    /// <summary><c>host[:port]</c> of the SES endpoint, as logs and error messages name it.</summary>
    public string EndpointName { get; }

    public async Task<SentMail> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        try
        {
            var destination = Destination(mail);
            var request = new SesSendEmailRequest(
                FromEmailAddress(mail),
                destination,
                new SesEmailContent(new SesRawMessage(Mime(mail.Message, cancellationToken))),
                string.IsNullOrWhiteSpace(_options.ConfigurationSetName) ? null : _options.ConfigurationSetName);
            var body = JsonSerializer.SerializeToUtf8Bytes(request, SesV2JsonContext.Default.SesSendEmailRequest);

            var sesMessageId = await PostAsync(body, cancellationToken).ConfigureAwait(false);
            var recipients = (destination.ToAddresses?.Count ?? 0) + (destination.CcAddresses?.Count ?? 0) + (destination.BccAddresses?.Count ?? 0);
            SesLog.Sent(_logger, mail.MailId, EndpointName, recipients, sesMessageId);
            return new SentMail(sesMessageId, MessageIdsOf(mail, sesMessageId));
        }
        catch (MailDeferredException e)
        {
            SesLog.Deferred(_logger, mail.MailId, EndpointName, e.Message);
            throw;
        }
        catch (PermanentFailureException e)
        {
            SesLog.Rejected(_logger, mail.MailId, EndpointName, e.Message);
            throw;
        }
    }

    private async Task<string> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        var credentials = await CredentialsAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, _sendEmailUri) { Content = new ByteArrayContent(body) };
        // restJson1 bodies are application/json (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html).
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        _signer.Sign(request, body, credentials, _time.GetUtcNow());
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnanswered(e, cancellationToken))
        {
            throw SesV2Failures.Unanswered(e, EndpointName, _options.Timeout);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return MessageIdOf(await AcceptedBodyAsync(response, linked.Token).ConfigureAwait(false), (int)response.StatusCode);
            }
            string text;
            try
            {
                text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (IsUnanswered(e, cancellationToken))
            {
                throw SesV2Failures.Unanswered(e, EndpointName, _options.Timeout);
            }
            var errorType = response.Headers.TryGetValues(ErrorTypeHeader, out var values) ? values.FirstOrDefault() : null;
            throw SesV2Failures.FromResponse(response.StatusCode, errorType, text, EndpointName);
        }
    }

    /// <summary>The body of a 2xx. SES has taken the mail by then: if the body cannot be read, "unknown id" beats a retry that sends it twice.</summary>
    private static async Task<string> AcceptedBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return "";
        }
    }

    /// <summary>The request got no (complete) answer, and not because the caller cancelled it.</summary>
    private static bool IsUnanswered(Exception e, CancellationToken cancellationToken) =>
        e is HttpRequestException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested;

    private async Task<ImmutableCredentials> CredentialsAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _options.Credentials(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the credential source returned none");
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new MailDeferredException(
                $"No AWS credentials to sign the SES request with ({e.GetType().Name}: {SesV2Failures.Quote(e.Message)}). Check the function's "
                + "execution role or the credential settings. The mail will be retried.", e);
        }
    }

    /// <summary>A 2xx without a readable MessageId: SES may have taken the mail, so it must not be sent again.</summary>
    private string MessageIdOf(string text, int status)
    {
        string? id = null;
        try
        {
            id = JsonSerializer.Deserialize(text, SesV2JsonContext.Default.SesSendEmailResponse)?.MessageId;
        }
        catch (JsonException)
        {
        }
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new PermanentFailureException(
                $"SES ({EndpointName}) answered {status.ToString(CultureInfo.InvariantCulture)} without a MessageId ({SesV2Failures.Quote(text)}). It may have "
                + "sent the mail, so it is not retried: a retry could send it twice. Check the SES sending statistics before replaying.");
        }
        return id.Trim();
    }

    private IReadOnlyList<string> MessageIdsOf(OutgoingMail mail, string sesMessageId)
    {
        var rewritten = SesMessageIds.Rewritten(sesMessageId, _options.Region);
        var own = MessageIds.Normalize(mail.Message.MessageId);
        return own is null || own == rewritten ? [rewritten] : [own, rewritten];
    }

    /// <summary>The MIME message as sent: CRLF line endings, no Bcc or Resent-Bcc header, headers in 7-bit (no SMTPUTF8 at SES).</summary>
    private static ReadOnlyMemory<byte> Mime(MimeMessage message, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        message.WriteTo(s_mimeFormat, stream, cancellationToken);
        return stream.GetBuffer().AsMemory(0, (int)stream.Length);
    }

    private static FormatOptions CreateFormat(int? maxLineLength)
    {
        var format = OutboundComposer.WireFormat;
        format.International = false;
        if (maxLineLength is { } length)
        {
            format.MaxLineLength = length;
        }
        return format;
    }

    /// <summary>Every envelope recipient once, in To, Cc or Bcc after the header that names it (Bcc when none does).</summary>
    private static SesDestination Destination(OutgoingMail mail)
    {
        if (mail.Recipients.Count == 0)
        {
            throw new PermanentFailureException($"Mail {mail.MailId} has no envelope recipients: there is nobody to send it to.");
        }
        var inTo = new HashSet<string>(mail.Message.To.Mailboxes.Select(m => m.Address), StringComparer.OrdinalIgnoreCase);
        var inCc = new HashSet<string>(mail.Message.Cc.Mailboxes.Select(m => m.Address), StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        List<string> to = [], cc = [], bcc = [];
        foreach (var recipient in mail.Recipients)
        {
            var encoded = EnvelopeAddress(recipient, "recipient");
            if (!seen.Add(encoded))
            {
                continue;
            }
            var list = inTo.Contains(recipient) ? to : inCc.Contains(recipient) ? cc : bcc;
            list.Add(encoded);
        }
        return new SesDestination(to.Count > 0 ? to : null, cc.Count > 0 ? cc : null, bcc.Count > 0 ? bcc : null);
    }

    /// <summary>The From header's mailbox when it is the envelope sender (name kept, RFC 2047-encoded, on one line); else the envelope sender alone.</summary>
    private static string FromEmailAddress(OutgoingMail mail)
    {
        var sender = EnvelopeAddress(mail.EnvelopeFrom, "sender");
        var from = mail.Message.From.Mailboxes.ToList();
        if (from.Count != 1 || string.IsNullOrWhiteSpace(from[0].Name)
            || !string.Equals(from[0].Address, mail.EnvelopeFrom, StringComparison.OrdinalIgnoreCase))
        {
            return sender;
        }
        // RFC 5322 §2.2.3: unfolding removes each CRLF that precedes white space.
        return new MailboxAddress(from[0].Name, sender).ToString(s_fromFormat, encode: true).Replace("\r\n", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
    }

    private static string EnvelopeAddress(string address, string role)
    {
        MailboxAddress mailbox;
        try
        {
            mailbox = new MailboxAddress(string.Empty, address);
        }
        catch (ParseException e)
        {
            throw new PermanentFailureException($"The envelope {role} {Redact.Address(address)} is not a valid address: {e.Message}", e);
        }
        if (!Ascii.IsValid(mailbox.LocalPart))
        {
            throw new MailRejectedException(
                $"The envelope {role} {Redact.Address(address)} has a non-ASCII local part, which only SMTPUTF8 (RFC 6531) can carry, and SES does not "
                + "support SMTPUTF8. Send to or from an ASCII address.")
            {
                EnhancedStatusCode = "5.6.7",
            };
        }
        return MailboxAddress.EncodeAddrspec(mailbox.Address);
    }
}
