using Mailflow.Core.Configuration;
using Mailflow.Core.InMemory;
using Mailflow.Core.Outbound;
using Mailflow.Core.Ports;

namespace Mailflow.Core.Tests.Support;

/// <summary>Outbound envelopes for tests: one that passes every rule, and the steps from JSON to a composed mail.</summary>
public static class OutboundSamples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    /// <summary>The default configuration's rules: domain example.com, apps app1 and app2.</summary>
    public static OutboundRules DefaultRules { get; } = new(DefaultConfig.Instance);

    /// <summary>A minimal valid envelope from app1 to one recipient.</summary>
    public static OutboundEnvelope Valid() => new()
    {
        Schema = OutboundEnvelope.SchemaName,
        App = "app1",
        IdempotencyKey = "order-4711",
        From = new OutboundAddress { Address = "_app1@example.com", Name = "App One" },
        To = [new OutboundAddress { Address = "ann@customer.example", Name = "Ann" }],
        Subject = "Your order",
        Text = "Thank you.",
    };

    public const string ValidJson = """
        {
          "schema": "mailflow.outbound.v1",
          "app": "app1",
          "idempotencyKey": "order-4711",
          "from": { "address": "_app1@example.com", "name": "App One" },
          "to": [{ "address": "ann@customer.example", "name": "Ann" }],
          "subject": "Your order",
          "text": "Thank you."
        }
        """;

    public static OutboundAttachment Inline(string filename, string contentType, byte[] content, string? contentId = null) =>
        new() { Filename = filename, ContentType = contentType, Content = Convert.ToBase64String(content), ContentId = contentId };

    /// <summary>What the pipeline does with a valid envelope, without I/O beyond the given store: ids, attachments, MIME.</summary>
    public static async Task<OutgoingMail> ComposeAsync(OutboundEnvelope envelope, IAttachmentStore? store = null, OutboundRules? rules = null,
        string? inReplyTo = null, IReadOnlyList<string>? references = null, int hops = 1)
    {
        rules ??= DefaultRules;
        OutboundValidator.ThrowIfInvalid(envelope, rules);
        var attachments = await OutboundAttachments.ResolveAsync(envelope, store ?? new InMemoryAttachmentStore(), rules.Outbound.MaxAttachmentBytes, CancellationToken.None);
        var mailId = OutboundIds.MailId(envelope.App!, envelope.IdempotencyKey!);
        return OutboundComposer.Compose(new ComposeRequest(mailId, envelope, OutboundIds.MessageId(mailId, envelope.From!.Address!), Now,
            inReplyTo, references ?? [], hops, attachments, rules.Outbound.MaxMessageBytes));
    }
}
