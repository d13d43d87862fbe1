namespace Mailflow.Core.Envelopes;

/// <summary>
/// <c>mailflow.inbound.v1</c>: what an app receives on its queue for one received mail.
/// Schema: docs/schemas/mailflow.inbound.v1.schema.json. Nulls are written, so every field is always present.
/// </summary>
public sealed record InboundEnvelope
{
    public const string SchemaName = "mailflow.inbound.v1";

    public string Schema { get; init; } = SchemaName;

    /// <summary>Deterministic: <c>{sesMessageId}.{app}</c>, identical on every retry, so consumers can de-duplicate.</summary>
    public required string Id { get; init; }

    /// <summary>The target app; null for unroutable mail in quarantine.</summary>
    public string? App { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
    public required string SesMessageId { get; init; }
    public required SmtpEnvelope Envelope { get; init; }
    public EnvelopeAddress? From { get; init; }
    public EnvelopeAddress? Sender { get; init; }
    public IReadOnlyList<EnvelopeAddress> ReplyTo { get; init; } = [];
    public IReadOnlyList<EnvelopeAddress> To { get; init; } = [];
    public IReadOnlyList<EnvelopeAddress> Cc { get; init; } = [];
    public string? Subject { get; init; }
    public DateTimeOffset? Date { get; init; }
    public string? MessageId { get; init; }
    public string? InReplyTo { get; init; }
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>
    /// The conversation: the mail id of its first mail Mailflow knows (an SES message id, or the outbound id of a mail an
    /// app sent), matched on In-Reply-To and References; the mail's own SES message id when it starts a conversation.
    /// </summary>
    public string? ThreadId { get; init; }

    /// <summary>The <c>tag</c> of <c>_app+tag@domain</c>.</summary>
    public string? MailboxHash { get; init; }

    public string? Text { get; init; }
    public string? Html { get; init; }
    public IReadOnlyList<EnvelopeAttachment> Attachments { get; init; } = [];
    public required EnvelopeVerdicts Verdicts { get; init; }
    public required RawMailPointer Raw { get; init; }

    /// <summary>Why the mail is in quarantine; null on an app queue.</summary>
    public QuarantineInfo? Quarantine { get; init; }

    /// <summary>Set when the envelope was too large for the queue: the full envelope is in storage and bodies here are null.</summary>
    public ClaimCheck? ClaimCheck { get; init; }
}
