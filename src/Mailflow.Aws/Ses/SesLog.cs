using Microsoft.Extensions.Logging;

namespace Mailflow.Aws.Ses;

/// <summary>
/// Log events of <see cref="SesV2MailSender"/>. No parameter takes an address, subject or body: reasons are quoted through
/// <see cref="SesV2Failures.Quote"/>, which masks addresses.
/// </summary>
internal static partial class SesLog
{
    [LoggerMessage(3400, LogLevel.Information, "Mail {MailId} sent through SES ({Endpoint}) to {Recipients} recipients: {SesMessageId}")]
    public static partial void Sent(ILogger logger, string mailId, string endpoint, int recipients, string sesMessageId);

    [LoggerMessage(3401, LogLevel.Warning, "Mail {MailId} rejected by SES ({Endpoint}): {Reason}")]
    public static partial void Rejected(ILogger logger, string mailId, string endpoint, string reason);

    [LoggerMessage(3402, LogLevel.Warning, "Mail {MailId} deferred by SES ({Endpoint}): {Reason}")]
    public static partial void Deferred(ILogger logger, string mailId, string endpoint, string reason);
}
