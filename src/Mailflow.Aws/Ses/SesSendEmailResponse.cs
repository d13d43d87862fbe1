namespace Mailflow.Aws.Ses;

/// <summary>
/// What SES v2 <c>SendEmail</c> answers on success: <c>{"MessageId": "…"}</c>, the id SES assigned. SES also writes it into
/// the Message-ID header it substitutes for the mail's own (see <see cref="SesMessageIds"/>).
/// </summary>
internal sealed record SesSendEmailResponse(string? MessageId);
