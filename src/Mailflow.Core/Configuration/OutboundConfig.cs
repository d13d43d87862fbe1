namespace Mailflow.Core.Configuration;

/// <summary>How Mailflow sends the mail apps put on the outbound queue.</summary>
public sealed record OutboundConfig
{
    /// <summary>How long an idempotency key is remembered; a second envelope with the same key within it sends nothing.</summary>
    public int IdempotencyTtlHours { get; set; } = 24;

    /// <summary>To, Cc and Bcc together. SES v2 allows 50 per SendEmail call.</summary>
    public int MaxRecipients { get; set; } = 50;

    /// <summary>The composed MIME message, attachments included. SES v2 allows 40 MB after base64.</summary>
    public long MaxMessageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>One attachment's decoded size.</summary>
    public long MaxAttachmentBytes { get; set; } = 7 * 1024 * 1024;

    /// <summary>
    /// How many Mailflow hops a conversation may take (the <c>X-Mailflow-Hops</c> header): mail that already carries
    /// this many is refused, so two gateways' apps answering each other cannot loop forever.
    /// </summary>
    public int MaxHops { get; set; } = 5;

    public OutboundRateLimitsConfig RateLimits { get; set; } = new();

    /// <summary>Local mode only: the SMTP relay <c>mailflow run</c> sends through. Without one, mail is captured to the outbox directory.</summary>
    public RelayConfig? Relay { get; set; }
}
