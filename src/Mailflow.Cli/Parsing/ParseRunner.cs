using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mailflow.Core.Configuration;
using Mailflow.Core.InMemory;
using Mailflow.Core.Links;
using Mailflow.Core.Mail;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Ses;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailflow.Cli.Parsing;

/// <summary>
/// Runs the real inbound pipeline over .eml files with in-memory stores and queues, printing one JSON
/// line per destination: the full envelope for mail delivered to an app, an outcome line otherwise.
/// </summary>
public sealed class ParseRunner(MailflowConfig config, ReceiptVerdicts verdicts, TimeProvider time)
{
    private const string Bucket = "mailflow-parse";

    public async Task<int> RunAsync(IReadOnlyList<string> files, IReadOnlyList<string> recipients, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(output);
        var rawStore = new InMemoryRawMailStore();
        // Links printed by parse point at the local API; the key lives for this run only.
        var links = new AttachmentLinkSigner(config.Links.BaseUrl, RandomNumberGenerator.GetBytes(32), TimeSpan.FromHours(config.Links.TtlHours), time);
        var pipeline = new InboundPipeline(new InboundRules(config), rawStore, new InMemoryAttachmentStore(), new InMemoryQueueClient(),
            new InMemoryMessageLedger(), new InMemoryThreadIndex(), links, time, NullLogger<InboundPipeline>.Instance);
        var exitCode = ExitCodes.Ok;
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                Write(output, new ParseOutcomeLine(file, "error", null, null, "file-not-found", $"{file} does not exist or is not a file.", null));
                exitCode = ExitCodes.Failed;
                continue;
            }
            var notification = Notification(file, recipients);
            rawStore.PutFile(notification.Receipt.Action.ObjectKey, file);
            var result = await pipeline.ProcessAsync(notification, cancellationToken).ConfigureAwait(false);
            foreach (var delivery in result.Deliveries)
            {
                if (delivery is { Outcome: DeliveryOutcome.Delivered, Envelope: { } envelope })
                {
                    output.WriteLine(Encoding.UTF8.GetString(EnvelopePublisher.Serialize(envelope)));
                }
                else
                {
                    Write(output, new ParseOutcomeLine(file, delivery.Outcome.ToString().ToLowerInvariant(), delivery.App, delivery.Queue,
                        delivery.ReasonCode, delivery.Reason, delivery.Envelope?.Id));
                }
            }
        }
        return exitCode;
    }

    private SesReceiptNotification Notification(string file, IReadOnlyList<string> recipients)
    {
        using var stream = File.OpenRead(file);
        // Deterministic per content, like SES's id per received mail: parsing a file twice gives the same ids.
        var messageId = Convert.ToHexStringLower(SHA256.HashData(stream))[..40];
        using var headers = MailParser.ParseHeaders(stream, CancellationToken.None);
        var to = recipients.Count > 0
            ? recipients
            : [.. headers.To.Mailboxes.Concat(headers.Cc.Mailboxes).Select(m => m.Address)];
        var mailFrom = headers.From.Mailboxes.FirstOrDefault()?.Address ?? "";
        return SesNotificationFactory.Create(messageId, time.GetUtcNow(), mailFrom, to, new RawMailLocation(Bucket, $"raw/{messageId}"), verdicts);
    }

    private static void Write(TextWriter output, ParseOutcomeLine line) =>
        output.WriteLine(JsonSerializer.Serialize(line, CliJsonContext.Default.ParseOutcomeLine));
}
