using System.CommandLine;
using System.Globalization;
using Mailflow.Api;

namespace Mailflow.Cli.Commands;

/// <summary>
/// <c>mailflow queues [--http URL] [--data-dir DIR] [--config FILE]</c> and <c>mailflow queues peek NAME [--max N]</c>.
/// They read the API of <c>mailflow run</c> (<c>/api/queues</c>) as a viewer, with a token minted from the data
/// directory's key, not the SQS endpoint: SQS has neither an oldest-message-age attribute nor a way to look at messages
/// without receiving them (which changes their visibility and receive count; LESSONS.md "peek").
/// </summary>
public static class QueuesCommand
{
    public static Command Create()
    {
        var (http, dataDir, config) = (HttpOption(), DataDirOption.Create(), ConfigOption.Create());
        var command = new Command("queues", "List Mailflow's queues: visible, in flight, delayed, oldest age, and each queue's DLQ depth.")
        {
            http, dataDir, config,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var loaded = ConfigOption.Load(parseResult.GetValue(config), error);
            if (loaded is null)
            {
                return ExitCodes.BadConfig;
            }
            var view = await LocalApiRequest.GetAsync(parseResult.GetValue(http)!, "/api/queues", parseResult.GetValue(dataDir)!, loaded.Api,
                ApiJsonContext.Default.QueuesView, error, cancellationToken);
            if (view is null)
            {
                return ExitCodes.Failed;
            }
            output.WriteLine($"{"QUEUE",-40} {"VISIBLE",8} {"IN FLIGHT",9} {"DELAYED",8} {"OLDEST",8} {"DLQ",6}");
            foreach (var queue in view.Queues.Where(q => q.Kind != "dead-letter"))
            {
                var dlq = queue.DeadLetterDepth is { } depth ? depth.ToString(CultureInfo.InvariantCulture) : "-";
                var oldest = queue.OldestAgeSeconds is { } age ? $"{age:F0}s" : "-";
                output.WriteLine($"{queue.Name,-40} {queue.Visible,8} {queue.InFlight,9} {queue.Delayed,8} {oldest,8} {dlq,6}");
            }
            return ExitCodes.Ok;
        });

        var (peekHttp, peekDataDir, peekConfig) = (HttpOption(), DataDirOption.Create(), ConfigOption.Create());
        var name = new Argument<string>("NAME") { Description = "The queue, e.g. mailflow-local-app1 or mailflow-local-inbound-dlq." };
        var max = new Option<int>("--max") { Description = "How many messages (1-100).", DefaultValueFactory = _ => 10 };
        var peek = new Command("peek", "Show a queue's messages without receiving them: visibility and receive counts do not change.")
        {
            name, max, peekHttp, peekDataDir, peekConfig,
        };
        peek.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var loaded = ConfigOption.Load(parseResult.GetValue(peekConfig), error);
            if (loaded is null)
            {
                return ExitCodes.BadConfig;
            }
            var path = $"/api/queues/{Uri.EscapeDataString(parseResult.GetValue(name)!)}/messages?max={parseResult.GetValue(max)}";
            var browse = await LocalApiRequest.GetAsync(parseResult.GetValue(peekHttp)!, path, parseResult.GetValue(peekDataDir)!, loaded.Api,
                ApiJsonContext.Default.QueueBrowse, error, cancellationToken);
            if (browse is null)
            {
                return ExitCodes.Failed;
            }
            foreach (var message in browse.Messages)
            {
                var attributes = string.Join(", ", message.Attributes.Select(a => $"{a.Key}={a.Value}"));
                output.WriteLine($"--- {message.MessageId} sent {message.SentAt:O} received {message.ReceiveCount}x");
                if (attributes.Length > 0)
                {
                    output.WriteLine($"attributes: {attributes}");
                }
                output.WriteLine(message.Body);
            }
            if (browse.Note is { Length: > 0 } note)
            {
                output.WriteLine($"note: {note}");
            }
            output.WriteLine($"{browse.Messages.Count} message(s) from {browse.Source} {browse.Queue}");
            return ExitCodes.Ok;
        });
        command.Add(peek);
        return command;
    }

    private static Option<string> HttpOption() => new("--http")
    {
        Description = "The HTTP listener of `mailflow run`, where it serves the API.",
        HelpName = "URL",
        DefaultValueFactory = _ => "http://127.0.0.1:8025",
    };
}
