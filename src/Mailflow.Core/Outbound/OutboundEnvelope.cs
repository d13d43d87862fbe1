namespace Mailflow.Core.Outbound;

/// <summary>
/// <c>mailflow.outbound.v1</c>: what an app puts on the outbound queue to send a mail.
/// Schema: docs/schemas/mailflow.outbound.v1.schema.json. Every member is nullable so that a bad envelope
/// reaches <c>OutboundValidator</c> and gets a precise problem list instead of a serializer exception.
/// </summary>
public sealed record OutboundEnvelope
{
    public const string SchemaName = "mailflow.outbound.v1";

    public string? Schema { get; set; }
    public string? App { get; set; }

    /// <summary>The app's key for this mail: a second envelope with the same (app, key) within the TTL sends nothing.</summary>
    public string? IdempotencyKey { get; set; }

    public OutboundAddress? From { get; set; }
    public IReadOnlyList<OutboundAddress>? To { get; set; }
    public IReadOnlyList<OutboundAddress>? Cc { get; set; }
    public IReadOnlyList<OutboundAddress>? Bcc { get; set; }
    public IReadOnlyList<OutboundAddress>? ReplyTo { get; set; }
    public string? Subject { get; set; }
    public string? Text { get; set; }
    public string? Html { get; set; }

    /// <summary>An inbound envelope <c>id</c> (<c>{sesMessageId}.{app}</c>) or a Message-ID this mail answers.</summary>
    public string? InReplyTo { get; set; }

    /// <summary>The app sends this without a person deciding to (RFC 3834): never to list, bulk or auto-submitted mail, or mail that failed DMARC.</summary>
    public bool? AutoReply { get; set; }

    public IReadOnlyList<OutboundAttachment>? Attachments { get; set; }

    /// <summary>Extra headers; only <c>X-</c> names are allowed.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; set; }
}
