using System.Net;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mailflow.Core.Outbound;
using Mailflow.Core.Configuration;
using Mailflow.Core.Ports;
using Mailflow.Core.Redaction;
using Mailflow.Core.Threading;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Mailflow.Local.Outbound;

/// <summary>
/// Sends outbound mail through an SMTP relay (<c>outbound.relay</c>), the local stand-in for SES.
/// <list type="bullet">
/// <item>The envelope is explicit: MAIL FROM is <see cref="OutgoingMail.EnvelopeFrom"/> and RCPT TO every
/// <see cref="OutgoingMail.Recipients"/> entry (Bcc recipients are only there); no header is read for it, and Bcc and
/// Resent-Bcc headers are never transmitted.</item>
/// <item>Security: <c>none</c> is plain SMTP, <c>starttls</c> requires the upgrade (RFC 3207; a relay that does not offer it
/// gets nothing, not even credentials), <c>tls</c> is TLS from the first byte (RFC 8314 §3.3). Credentials are read from the
/// environment once, here, so that a missing variable stops <c>mailflow run</c> at start, not at the first mail; they
/// are refused over plain SMTP to anything but a loopback relay (RFC 4954 §4: AUTH PLAIN needs a protected channel).</item>
/// <item>Connections are pooled, at most <see cref="SmtpRelaySenderOptions.MaxConnections"/>, one transaction each at a
/// time (SmtpClient is not thread-safe). A pooled connection the relay closed is replaced; if one fails before the relay
/// accepted MAIL FROM, nothing was taken, so the mail is sent once more on a fresh connection. Once MAIL FROM was
/// accepted a failure is not retried here: the relay may have taken the mail (RFC 1047), and redelivery is the platform's.</item>
/// <item>Recipients refused for good (5xx) while others are accepted: the mail goes to the accepted ones (RFC 5321 §3.3)
/// and the refused ones are logged; if all are refused the mail is rejected. Any recipient deferred (4xx) defers the whole
/// mail before DATA (see <see cref="RelaySmtpClient"/>).</item>
/// <item>Failures are classified by <see cref="SmtpFailures"/>: 5xx → <see cref="MailRejectedException"/>, everything
/// else → <see cref="MailDeferredException"/>.</item>
/// <item>International addresses: when the relay offers SMTPUTF8, MailKit uses it for mail whose envelope needs it
/// (RFC 6531); otherwise IDN domains go out as punycode (MailKit's IdnMapping) and a non-ASCII local part, which only
/// SMTPUTF8 can carry, is rejected before anything is sent.</item>
/// </list>
/// </summary>
public sealed class SmtpRelaySender : IMailSender, IAsyncDisposable
{
    private readonly RelayConfig _relay;
    private readonly SmtpRelaySenderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SecureSocketOptions _security;
    private readonly NetworkCredential? _credentials;
    private readonly SemaphoreSlim _slots;
    private readonly Stack<RelaySmtpClient> _idle = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <exception cref="InvalidOperationException">The relay settings are incomplete or unsafe, or the password variable is not set.</exception>
    public SmtpRelaySender(RelayConfig relay, SmtpRelaySenderOptions options, TimeProvider timeProvider, ILogger<SmtpRelaySender> logger)
    {
        ArgumentNullException.ThrowIfNull(relay);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _relay = relay;
        _options = options;
        _time = timeProvider;
        _logger = logger;
        Relay = RelaySettings.Describe(relay);
        _security = RelaySettings.SecurityOf(relay);
        _credentials = RelaySettings.CredentialsOf(relay, _security);
        if (options.MaxConnections < 1 || options.Timeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"The relay sender needs at least one connection and a positive timeout (got {options.MaxConnections}, {options.Timeout}).");
        }
        _slots = new SemaphoreSlim(options.MaxConnections, options.MaxConnections);
    }

    /// <summary><c>host:port</c> of the relay, as logs and error messages name it.</summary>
    public string Relay { get; }

    public async Task<SentMail> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var sender = EnvelopeAddress(mail.EnvelopeFrom, "sender");
            if (mail.Recipients.Count == 0)
            {
                throw new PermanentFailureException($"Mail {mail.MailId} has no envelope recipients: there is nobody to send it to.");
            }
            var recipients = mail.Recipients.Select(r => EnvelopeAddress(r, "recipient")).ToList();
            return await TransactAsync(mail, sender, recipients, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PermanentFailureException or MailDeferredException)
        {
            LogFailure(mail.MailId, e);
            throw;
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var classified = SmtpFailures.Classify(e, Relay, []);
            LogFailure(mail.MailId, classified);
            throw classified;
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Sends QUIT on the idle connections and closes them; sends still in flight close theirs when they end.</summary>
    public async ValueTask DisposeAsync()
    {
        RelaySmtpClient[] idle;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            Volatile.Write(ref _disposed, true);
            idle = [.. _idle];
            _idle.Clear();
        }
        foreach (var client in idle)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A polite QUIT at shutdown is best effort: whatever fails, the socket is closed below.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            finally
            {
                client.Dispose();
            }
        }
    }

    private async Task<SentMail> TransactAsync(OutgoingMail mail, MailboxAddress sender, List<MailboxAddress> recipients, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (client, reused) = await RentAsync(cancellationToken).ConfigureAwait(false);
            client.BeginTransaction();
            try
            {
                RequireSmtpUtf8WhereNeeded(client, sender, recipients);
                var reply = await client.SendAsync(FormatFor(sender, recipients), mail.Message, sender, recipients, cancellationToken).ConfigureAwait(false);
                var sent = Sent(mail, client.Refused, recipients.Count, reply);
                Return(client);
                return sent;
            }
            catch (Exception e) when (attempt == 1 && reused && !client.SenderAccepted && IsConnectionLoss(e) && !cancellationToken.IsCancellationRequested)
            {
                Close(client, "the relay closed it");
                SenderLog.RetryingOnNewConnection(_logger, mail.MailId, Relay);
            }
            catch (Exception e)
            {
                // After a refused command MailKit has sent RSET and the connection is clean; after anything else it has
                // disconnected. Either way IsConnected says whether the connection may serve the next mail.
                var refused = client.Refused.ToList();
                Return(client);
                if (e is SmtpCommandException)
                {
                    throw SmtpFailures.Classify(e, Relay, refused);
                }
                throw;
            }
        }
    }

    private SentMail Sent(OutgoingMail mail, IReadOnlyList<RefusedRecipient> refused, int total, string reply)
    {
        if (refused.Count > 0)
        {
            var details = string.Join("; ", refused.Select(r => $"{Redact.Address(r.Mailbox.Address)}: {r.StatusCode} {SmtpReplyText.Redacted(r.Text)}"));
            SenderLog.RecipientsRefused(_logger, mail.MailId, Relay, refused.Count, total, details);
        }
        var providerMessageId = SmtpReplyText.QueueId(reply);
        SenderLog.Sent(_logger, mail.MailId, Relay, total - refused.Count, providerMessageId);
        var messageId = MessageIds.Normalize(mail.Message.MessageId);
        return new SentMail(providerMessageId, messageId is null ? [] : [messageId]);
    }

    private async Task<(RelaySmtpClient Client, bool Reused)> RentAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            RelaySmtpClient? idle;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                _idle.TryPop(out idle);
            }
            if (idle is null)
            {
                return (await ConnectAsync(cancellationToken).ConfigureAwait(false), false);
            }
            if (!idle.IsConnected)
            {
                Close(idle, "the relay closed it");
            }
            else if (_time.GetUtcNow() - idle.IdleSince > _options.MaxIdleTime)
            {
                Close(idle, "idle for too long");
            }
            else
            {
                return (idle, true);
            }
        }
    }

    private async Task<RelaySmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new RelaySmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        if (_options.LocalDomain is { } localDomain)
        {
            client.LocalDomain = localDomain;
        }
        if (_options.ServerCertificateValidation is { } validation)
        {
            client.ServerCertificateValidationCallback = validation;
        }
        try
        {
            try
            {
                await client.ConnectAsync(_relay.Host, _relay.Port, _security, cancellationToken).ConfigureAwait(false);
            }
            catch (NotSupportedException e) when (_security == SecureSocketOptions.StartTls)
            {
                // MailKit refuses before sending anything but EHLO: the relay did not advertise STARTTLS.
                throw new MailDeferredException(
                    $"The relay {Relay} does not offer STARTTLS (RFC 3207) and outbound.relay.security is \"starttls\": nothing was "
                    + "sent in clear text. Enable STARTTLS on the relay, or use \"tls\" for a port with implicit TLS (RFC 8314). "
                    + "The mail will be retried.", e);
            }
            if (_credentials is not null)
            {
                if ((client.Capabilities & SmtpCapabilities.Authentication) == 0)
                {
                    throw new MailDeferredException(
                        $"The relay {Relay} does not offer AUTH (RFC 4954) but outbound.relay.username is set: remove the username "
                        + "or fix the relay. The mail will be retried.");
                }
                await client.AuthenticateAsync(_credentials, cancellationToken).ConfigureAwait(false);
            }
            SenderLog.Connected(_logger, Relay, _relay.Security, client.IsEncrypted,
                (client.Capabilities & SmtpCapabilities.UTF8) != 0, client.IsAuthenticated);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void Return(RelaySmtpClient client)
    {
        if (!client.IsConnected)
        {
            client.Dispose();
            return;
        }
        client.IdleSince = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_disposed)
            {
                _idle.Push(client);
                return;
            }
        }
        client.Dispose();
    }

    private void Close(RelaySmtpClient client, string reason)
    {
        SenderLog.Closing(_logger, Relay, reason);
        client.Dispose();
    }

    /// <summary>What a connection the relay closed while it sat in the pool fails with at its first command.</summary>
    private static bool IsConnectionLoss(Exception e) =>
        e is IOException or SmtpProtocolException or System.Net.Sockets.SocketException or MailKit.ServiceNotConnectedException;

    /// <summary>
    /// RFC 6531 §3.2: a non-ASCII local part may only travel over SMTPUTF8; a relay without it cannot carry the mail at
    /// all, which is permanent (RFC 6531's 5.6.7, "non-ASCII addresses not permitted for that sender/recipient"). A
    /// non-ASCII domain alone is fine: MailKit sends its punycode form.
    /// </summary>
    private void RequireSmtpUtf8WhereNeeded(RelaySmtpClient client, MailboxAddress sender, List<MailboxAddress> recipients)
    {
        if ((client.Capabilities & SmtpCapabilities.UTF8) != 0)
        {
            return;
        }
        var international = recipients.Prepend(sender).FirstOrDefault(m => !Ascii.IsValid(m.LocalPart));
        if (international is not null)
        {
            throw new MailRejectedException(
                $"The relay {Relay} does not offer SMTPUTF8 and the envelope address {Redact.Address(international.Address)} has a "
                + "non-ASCII local part, which only SMTPUTF8 can carry (RFC 6531). Send it through a relay that offers SMTPUTF8.")
            {
                EnhancedStatusCode = "5.6.7",
            };
        }
    }

    /// <summary>
    /// Bcc and Resent-Bcc are hidden whatever the composer did (the recipients are in the envelope). International
    /// (UTF-8) headers only when the envelope needs SMTPUTF8; MailKit drops it again when the relay lacks SMTPUTF8, and
    /// then encodes headers per RFC 2047 and domains as punycode.
    /// </summary>
    private static FormatOptions FormatFor(MailboxAddress sender, List<MailboxAddress> recipients)
    {
        var format = OutboundComposer.WireFormat;
        format.International = sender.IsInternational || recipients.Exists(r => r.IsInternational);
        return format;
    }

    private static MailboxAddress EnvelopeAddress(string address, string role)
    {
        try
        {
            return new MailboxAddress(string.Empty, address);
        }
        catch (ParseException e)
        {
            throw new PermanentFailureException($"The envelope {role} {Redact.Address(address)} is not a valid address: {e.Message}", e);
        }
    }

    private void LogFailure(string mailId, Exception failure)
    {
        switch (failure)
        {
            case MailDeferredException deferred:
                SenderLog.Deferred(_logger, mailId, Relay, deferred.StatusCode, deferred.EnhancedStatusCode, deferred.Message);
                break;
            case MailRejectedException rejected:
                SenderLog.Rejected(_logger, mailId, Relay, rejected.StatusCode, rejected.EnhancedStatusCode, rejected.Message);
                break;
            default:
                SenderLog.Rejected(_logger, mailId, Relay, null, null, failure.Message);
                break;
        }
    }
}
