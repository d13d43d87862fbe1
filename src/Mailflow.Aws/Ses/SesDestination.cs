namespace Mailflow.Aws.Ses;

/// <summary>
/// <c>Destination</c> of SES v2 <c>SendEmail</c> (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_Destination.html).
/// With raw content it is the envelope: SES delivers to exactly these addresses and leaves the message's To/Cc headers as
/// they are (see <see cref="SesV2MailSender"/>). Empty lists are left out.
/// </summary>
internal sealed record SesDestination(
    IReadOnlyList<string>? ToAddresses,
    IReadOnlyList<string>? CcAddresses,
    IReadOnlyList<string>? BccAddresses);
