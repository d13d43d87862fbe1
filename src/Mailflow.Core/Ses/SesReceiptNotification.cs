namespace Mailflow.Core.Ses;

/// <summary>
/// The notification an SES receipt rule's S3 action publishes to SNS
/// (https://docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-contents.html).
/// Only metadata travels here; the mail itself is in the S3 object named by <c>receipt.action</c>.
/// Local mode writes the same shape so the same pipeline reads both.
/// </summary>
public sealed record SesReceiptNotification
{
    public string NotificationType { get; set; } = "Received";
    public required SesMail Mail { get; set; }
    public required SesReceipt Receipt { get; set; }
}
