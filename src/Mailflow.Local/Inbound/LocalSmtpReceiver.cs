using System.Text.Json;
using Mailflow.Core.Configuration;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Routing;
using Mailflow.Core.Ses;
using Mailflow.Local.Smtp;
using Mailflow.Local.Storage;

namespace Mailflow.Local.Inbound;

/// <summary>
/// Plays the SES receipt rule for the local SMTP listener: refuses mail while inbound is paused (451) or
/// disabled (550), refuses recipients outside the configured domains (550 5.1.1), and for an accepted mail
/// stores the raw MIME durably and commits the SES-shaped notification to the inbound queue, in that order,
/// before answering 250. Local mode checks no SPF, DKIM, DMARC, spam or virus: its verdicts say DISABLED.
/// </summary>
public sealed class LocalSmtpReceiver(
    MailflowConfig config,
    InboundStateFile state,
    FileRawMailStore rawMail,
    IQueueClient queues,
    InboundFlowControl flow,
    TimeProvider time) : ISmtpReceiver
{
    public const string RawKeyPrefix = "raw/";

    /// <summary>
    /// <c>raw/{last two hex digits}/{messageId}</c>: spread over 256 directories, because concurrent sessions creating
    /// files in one directory queue on its lock (measured here: about twice the stored mails per second sharded).
    /// </summary>
    public static string RawKey(string messageId) => $"{RawKeyPrefix}{messageId[^2..]}/{messageId}";

    private static readonly ReceiptVerdicts s_notChecked = new("DISABLED", "DISABLED", "DISABLED", "DISABLED", "DISABLED");

    private readonly IReadOnlySet<string> _domains = RoutingTable.From(config).Domains;
    private readonly string _inboundQueue = new QueueNames(config.Environment).Inbound;

    public SmtpReply OnMailFrom(string reversePath, long? declaredSize) => state.Read().State switch
    {
        InboundState.Paused => new SmtpReply(451, "4.3.2", "Inbound mail is paused here; please try again later"),
        InboundState.Disabled => new SmtpReply(550, "5.7.1", "Inbound mail is disabled here; message rejected"),
        _ => new SmtpReply(250, "2.1.0", "Sender OK"),
    };

    public SmtpReply OnRecipient(string address) =>
        RecipientAddress.TryParse(address, out var recipient) && _domains.Contains(recipient.Domain)
            ? new SmtpReply(250, "2.1.5", "Recipient OK")
            : new SmtpReply(550, "5.1.1", "Recipient address rejected: this gateway does not receive mail for that domain");

    public async Task<SmtpReply> OnMessageAsync(string reversePath, IReadOnlyList<string> recipients, Stream message, CancellationToken cancellationToken) =>
        new(250, "2.0.0", $"Ok: queued as {await AcceptAsync(reversePath, recipients, message, cancellationToken).ConfigureAwait(false)}");

    /// <summary>
    /// Stores an accepted mail and commits its notification (what end of DATA does before 250); returns its mail id.
    /// Callers have asked <see cref="OnMailFrom"/> and <see cref="OnRecipient"/> first, as the SMTP session does.
    /// </summary>
    public async Task<string> AcceptAsync(string reversePath, IReadOnlyList<string> recipients, Stream message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await flow.WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
        var receivedAt = time.GetUtcNow();
        var messageId = Guid.CreateVersion7(receivedAt).ToString("N");
        var key = RawKey(messageId);
        await rawMail.StoreAsync(key, message, new StoredEnvelope(reversePath, recipients, receivedAt), cancellationToken).ConfigureAwait(false);
        await EnqueueAsync(messageId, receivedAt, reversePath, recipients, cancellationToken).ConfigureAwait(false);
        flow.Accepted();
        return messageId;
    }

    /// <summary>Commits the notification SES would publish for a stored mail to the inbound queue.</summary>
    public Task EnqueueAsync(string messageId, DateTimeOffset receivedAt, string mailFrom, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        var notification = SesNotificationFactory.Create(messageId, receivedAt, mailFrom, recipients,
            new RawMailLocation(DataDirectory.Bucket, RawKey(messageId)), s_notChecked);
        var body = JsonSerializer.Serialize(notification, SesJsonContext.Default.SesReceiptNotification);
        return queues.SendAsync(_inboundQueue, new QueueMessage(body, new Dictionary<string, string>()), cancellationToken);
    }
}
