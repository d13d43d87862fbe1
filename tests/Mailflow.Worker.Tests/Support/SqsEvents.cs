using System.Text;
using System.Text.Json.Nodes;
using Mailflow.Testing.Emulators;

namespace Mailflow.Worker.Tests.Support;

/// <summary>
/// SQS events for the worker, from tests/fixtures/events. The fixtures name the queues of an environment <c>test</c>
/// (<c>mailflow-test-inbound</c>); <see cref="FromQueue"/> points their <c>eventSourceARN</c> at the default
/// configuration's queues, which is all the worker dispatches on.
/// </summary>
public static class SqsEvents
{
    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "events", name)))!.AsObject();

    public static JsonArray Records(this JsonObject sqsEvent)
    {
        ArgumentNullException.ThrowIfNull(sqsEvent);
        return sqsEvent["Records"]!.AsArray();
    }

    /// <summary>Every record as if it came from <paramref name="queue"/> (the last segment of the ARN is the queue name).</summary>
    public static JsonObject FromQueue(this JsonObject sqsEvent, string queue)
    {
        foreach (var record in sqsEvent.Records())
        {
            SetQueue(record!.AsObject(), queue);
        }
        return sqsEvent;
    }

    public static void SetQueue(JsonObject record, string queue)
    {
        ArgumentNullException.ThrowIfNull(record);
        var arn = (string)record["eventSourceARN"]!;
        record["eventSourceARN"] = arn[..(arn.LastIndexOf(':') + 1)] + queue;
    }

    public static string MessageId(this JsonObject sqsEvent, int index) => (string)sqsEvent.Records()[index]!["messageId"]!;

    public static string Body(this JsonObject sqsEvent, int index) => (string)sqsEvent.Records()[index]!["body"]!;

    /// <summary>
    /// One record from <paramref name="queue"/> with this message id and body, in the shape of the fixture's records
    /// (first receive; <c>md5OfBody</c> left out, as it would no longer match).
    /// </summary>
    public static JsonObject OneRecord(string queue, string messageId, string body)
    {
        var record = Load("sqs-outbound.json").Records()[0]!.DeepClone().AsObject();
        record["messageId"] = messageId;
        record["receiptHandle"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("receipt-" + messageId));
        record["body"] = body;
        record.Remove("md5OfBody");
        SetQueue(record, queue);
        return new JsonObject { ["Records"] = new JsonArray(record) };
    }
}
