using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using Mailflow.Local.Http;

namespace Mailflow.Cli.Commands;

/// <summary>
/// <c>mailflow queues [--http URL]</c> and <c>mailflow queues peek NAME [--max N]</c>. They read the local HTTP listener,
/// not the SQS endpoint: SQS has neither an oldest-message-age attribute nor a way to look at messages without
/// receiving them (which changes their visibility and receive count; LESSONS.md "peek").
/// </summary>
public static class QueuesCommand
{
    public static Command Create()
    {
        var http = HttpOption();
        var command = new Command("queues", "List Mailflow's queues: visible, in flight, delayed, oldest age, and each queue's DLQ depth.") { http };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var queues = await GetAsync(parseResult.GetValue(http)!, "/api/queues", LocalHttpJsonContext.Default.IReadOnlyListQueueHealth,
                parseResult.InvocationConfiguration.Error, cancellationToken);
            if (queues is null)
            {
                return ExitCodes.Failed;
            }
            var byName = queues.ToDictionary(q => q.Name, StringComparer.Ordinal);
            output.WriteLine($"{"QUEUE",-40} {"VISIBLE",8} {"IN FLIGHT",9} {"DELAYED",8} {"OLDEST",8} {"DLQ",6}");
            foreach (var queue in queues.Where(q => !q.Name.EndsWith("-dlq", StringComparison.Ordinal)))
            {
                var dlq = queue.DeadLetterQueue is { } name && byName.TryGetValue(name, out var dead) ? (dead.Visible + dead.InFlight).ToString(CultureInfo.InvariantCulture) : "-";
                var oldest = queue.OldestAgeSeconds is { } age ? $"{age:F0}s" : "-";
                output.WriteLine($"{queue.Name,-40} {queue.Visible,8} {queue.InFlight,9} {queue.Delayed,8} {oldest,8} {dlq,6}");
            }
            return ExitCodes.Ok;
        });

        var peekHttp = HttpOption();
        var name = new Argument<string>("NAME") { Description = "The queue, e.g. mailflow-local-app1 or mailflow-local-inbound-dlq." };
        var max = new Option<int>("--max") { Description = "How many messages (1-100).", DefaultValueFactory = _ => 10 };
        var peek = new Command("peek", "Show a queue's messages without receiving them: visibility and receive counts do not change.") { name, max, peekHttp };
        peek.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var path = $"/api/queues/{Uri.EscapeDataString(parseResult.GetValue(name)!)}/messages?max={parseResult.GetValue(max)}";
            var messages = await GetAsync(parseResult.GetValue(peekHttp)!, path, LocalHttpJsonContext.Default.IReadOnlyListPeekedMessageView,
                parseResult.InvocationConfiguration.Error, cancellationToken);
            if (messages is null)
            {
                return ExitCodes.Failed;
            }
            foreach (var message in messages)
            {
                var attributes = string.Join(", ", message.Attributes.Select(a => $"{a.Key}={a.Value}"));
                output.WriteLine($"--- {message.MessageId} sent {message.SentAt:O} received {message.ReceiveCount}x{(message.InFlight ? " (in flight)" : "")}");
                if (attributes.Length > 0)
                {
                    output.WriteLine($"attributes: {attributes}");
                }
                output.WriteLine(message.Body);
            }
            output.WriteLine($"{messages.Count} message(s)");
            return ExitCodes.Ok;
        });
        command.Add(peek);
        return command;
    }

    private static Option<string> HttpOption() => new("--http")
    {
        Description = "The local HTTP listener of `mailflow run`.",
        HelpName = "URL",
        DefaultValueFactory = _ => "http://127.0.0.1:8025",
    };

    private static async Task<T?> GetAsync<T>(string baseUrl, string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type,
        TextWriter error, CancellationToken cancellationToken) where T : class
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await client.GetAsync(path, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                error.WriteLine($"{baseUrl}{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                return null;
            }
            return await response.Content.ReadFromJsonAsync(type, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            error.WriteLine($"nothing answers at {baseUrl} ({ex.Message}); is `mailflow run` running?");
            return null;
        }
    }
}
