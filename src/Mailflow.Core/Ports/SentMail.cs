namespace Mailflow.Core.Ports;

/// <summary>What the mail service said when it accepted a mail.</summary>
/// <param name="ProviderMessageId">The service's id (SES message id; the relay's queue id or reply text).</param>
/// <param name="MessageIds">Every Message-ID recipients may see, normalised: the one Mailflow set, and the one the service rewrote it to, if any.</param>
public sealed record SentMail(string ProviderMessageId, IReadOnlyList<string> MessageIds);
