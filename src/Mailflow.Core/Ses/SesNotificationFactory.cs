using Mailflow.Core.Policy;
using Mailflow.Core.Ports;

namespace Mailflow.Core.Ses;

/// <summary>
/// Builds the notification SES would publish for a mail received elsewhere (the local SMTP listener,
/// <c>mailflow parse</c>, tests), so that one pipeline reads mail from every source the same way.
/// </summary>
public static class SesNotificationFactory
{
    public static SesReceiptNotification Create(
        string messageId,
        DateTimeOffset receivedAt,
        string mailFrom,
        IReadOnlyList<string> recipients,
        RawMailLocation location,
        ReceiptVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(verdicts);
        return new SesReceiptNotification
        {
            Mail = new SesMail
            {
                Timestamp = receivedAt,
                Source = mailFrom,
                MessageId = messageId,
                Destination = recipients,
            },
            Receipt = new SesReceipt
            {
                Timestamp = receivedAt,
                Recipients = recipients,
                SpfVerdict = new SesVerdict(verdicts.Spf),
                DkimVerdict = new SesVerdict(verdicts.Dkim),
                DmarcVerdict = new SesVerdict(verdicts.Dmarc),
                SpamVerdict = new SesVerdict(verdicts.Spam),
                VirusVerdict = new SesVerdict(verdicts.Virus),
                Action = new SesAction { Type = "S3", BucketName = location.Bucket, ObjectKey = location.Key },
            },
        };
    }
}
