namespace Mailflow.Aws.Ses;

/// <summary><c>Content</c> of SES v2 <c>SendEmail</c> (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_EmailContent.html): Mailflow always sends <c>Raw</c>.</summary>
internal sealed record SesEmailContent(SesRawMessage Raw);
