namespace Mailflow.Aws.Ses;

/// <summary>
/// The body of SES v2 <c>SendEmail</c> (<c>POST /v2/email/outbound-emails</c>,
/// https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html) as Mailflow sends it: raw content only.
/// Property names are the API's (PascalCase); null members are left out.
/// </summary>
internal sealed record SesSendEmailRequest(
    string FromEmailAddress,
    SesDestination Destination,
    SesEmailContent Content,
    string? ConfigurationSetName);
