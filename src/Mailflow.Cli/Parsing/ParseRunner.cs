using System.Text;
using System.Text.Json;
using Mailflow.Core.Configuration;
using Mailflow.Core.Pipeline;
using Mailflow.Core.Policy;

namespace Mailflow.Cli.Parsing;

/// <summary>
/// Previews .eml files with <see cref="InboundPreviewer"/> (the real inbound pipeline, in memory), printing one JSON
/// line per destination: the full envelope for mail delivered to an app, an outcome line otherwise.
/// </summary>
public sealed class ParseRunner(MailflowConfig config, ReceiptVerdicts verdicts, TimeProvider time)
{
    public async Task<int> RunAsync(IReadOnlyList<string> files, IReadOnlyList<string> recipients, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(output);
        // One previewer for the run: a reply parsed after its original joins its thread.
        var previewer = new InboundPreviewer(config, verdicts, time);
        var exitCode = ExitCodes.Ok;
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                Write(output, new ParseOutcomeLine(file, "error", null, null, "file-not-found", $"{file} does not exist or is not a file.", null));
                exitCode = ExitCodes.Failed;
                continue;
            }
            var preview = await previewer.PreviewAsync(File.OpenRead(file), recipients, cancellationToken).ConfigureAwait(false);
            foreach (var delivery in preview.Deliveries)
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

    private static void Write(TextWriter output, ParseOutcomeLine line) =>
        output.WriteLine(JsonSerializer.Serialize(line, CliJsonContext.Default.ParseOutcomeLine));
}
