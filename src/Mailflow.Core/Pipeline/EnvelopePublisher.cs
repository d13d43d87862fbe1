using System.Text;
using System.Text.Json;
using Mailflow.Core.Envelopes;
using Mailflow.Core.Links;
using Mailflow.Core.Logging;
using Mailflow.Core.Ports;
using Microsoft.Extensions.Logging;

namespace Mailflow.Core.Pipeline;

/// <summary>
/// Serialises an envelope and puts it on a queue. An envelope over the size limit is stored whole
/// and queued without its bodies, with a <see cref="ClaimCheck"/> pointing at the stored copy:
/// it never fails and is never truncated silently.
/// </summary>
public sealed class EnvelopePublisher(IQueueClient queues, IAttachmentStore store, AttachmentLinkSigner links, ILogger logger)
{
    public const string SchemaAttribute = "mailflow-schema";
    public const string EnvelopeIdAttribute = "mailflow-envelope-id";
    public const string AppAttribute = "mailflow-app";
    public const string ReasonCodeAttribute = "mailflow-reason-code";

    private static readonly Func<InboundEnvelope, InboundEnvelope>[] s_sheddingSteps =
    [
        e => e with { Attachments = [], To = [], Cc = [], ReplyTo = [], References = [] },
        e => e with { Subject = null, From = null, Sender = null, MessageId = null, InReplyTo = null },
    ];

    /// <returns>The envelope as queued (slimmed when claim-checked).</returns>
    public async Task<InboundEnvelope> PublishAsync(string queue, InboundEnvelope envelope, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var body = Serialize(envelope);
        if (body.Length > maxBytes)
        {
            envelope = await ClaimCheckAsync(envelope, body, maxBytes, cancellationToken).ConfigureAwait(false);
            body = Serialize(envelope);
        }
        var attributes = new Dictionary<string, string>
        {
            [SchemaAttribute] = envelope.Schema,
            [EnvelopeIdAttribute] = envelope.Id,
        };
        if (envelope.App is { } app)
        {
            attributes[AppAttribute] = app;
        }
        if (envelope.Quarantine is { } quarantine)
        {
            attributes[ReasonCodeAttribute] = quarantine.ReasonCode;
        }
        await queues.SendAsync(queue, new QueueMessage(Encoding.UTF8.GetString(body), attributes), cancellationToken).ConfigureAwait(false);
        return envelope;
    }

    public static byte[] Serialize(InboundEnvelope envelope) =>
        JsonSerializer.SerializeToUtf8Bytes(envelope, EnvelopeJsonContext.Envelopes.InboundEnvelope);

    private async Task<InboundEnvelope> ClaimCheckAsync(InboundEnvelope envelope, byte[] full, int maxBytes, CancellationToken cancellationToken)
    {
        var key = StorageKeys.ClaimCheck(envelope.Id);
        using (var content = new MemoryStream(full, writable: false))
        {
            await store.PutAsync(key, content, "application/json", cancellationToken).ConfigureAwait(false);
        }
        InboundLog.ClaimChecked(logger, envelope.Id, full.Length, maxBytes, key);
        var (url, expiresAt) = links.Create(StorageKeys.ClaimCheckId(envelope.Id));
        var slim = envelope with { Text = null, Html = null, ClaimCheck = new ClaimCheck(key, full.Length, url, expiresAt) };
        // Bodies are nearly always what is large. A mail with thousands of parts or recipients also sheds
        // its lists, and one with enormous headers its header fields: the stored copy has everything.
        foreach (var shed in s_sheddingSteps)
        {
            if (Serialize(slim).Length <= maxBytes)
            {
                break;
            }
            slim = shed(slim);
        }
        return slim;
    }
}
