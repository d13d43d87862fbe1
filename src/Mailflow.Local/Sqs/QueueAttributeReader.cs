using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Mailflow.Local.Queues;
using Mailflow.Local.Sqs.Wire;

namespace Mailflow.Local.Sqs;

/// <summary>
/// GetQueueAttributes: the attributes SQS defines for a standard queue, computed from the queue's settings and
/// counts. Names SQS defines but local queues have no value for (Policy, KMS, FIFO settings, RedriveAllowPolicy,
/// CreatedTimestamp and LastModifiedTimestamp, which the engine does not record) are left out, as SQS leaves out
/// unset ones; a name SQS does not define is refused with InvalidAttributeName.
/// </summary>
internal static class QueueAttributeReader
{
    private static readonly string[] s_served =
    [
        "QueueArn", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed",
        "VisibilityTimeout", "MaximumMessageSize", "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds",
        "RedrivePolicy", "SqsManagedSseEnabled",
    ];

    private static readonly FrozenSet<string> s_defined = s_served.Concat(
    [
        "All", "Policy", "CreatedTimestamp", "LastModifiedTimestamp", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds",
        "FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit", "RedriveAllowPolicy",
    ]).ToFrozenSet(StringComparer.Ordinal);

    public static async Task<Dictionary<string, string>?> ReadAsync(SqsCall call, QueueSettings queue, IReadOnlyList<string>? names)
    {
        var unknown = names?.FirstOrDefault(name => !s_defined.Contains(name));
        if (unknown is not null)
        {
            throw new SqsError("InvalidAttributeName", $"Unknown Attribute {unknown}.");
        }
        var wanted = names is null ? [] : names.Contains("All") ? s_served : s_served.Intersect(names, StringComparer.Ordinal).ToArray();
        var stats = wanted.Any(name => name.StartsWith("Approximate", StringComparison.Ordinal))
            ? await call.Engine.GetStatsAsync(queue.Name, call.CancellationToken)
            : null;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in wanted)
        {
            if (ValueOf(name, queue, stats, call.Addresses) is { } value)
            {
                attributes[name] = value;
            }
        }
        return attributes.Count == 0 ? null : attributes;
    }

    private static string? ValueOf(string name, QueueSettings queue, QueueStats? stats, SqsQueueAddresses addresses) => name switch
    {
        "QueueArn" => addresses.ArnOf(queue.Name),
        "ApproximateNumberOfMessages" => Number(stats!.Visible),
        "ApproximateNumberOfMessagesNotVisible" => Number(stats!.InFlight),
        "ApproximateNumberOfMessagesDelayed" => Number(stats!.Delayed),
        "VisibilityTimeout" => Seconds(queue.VisibilityTimeout),
        "MaximumMessageSize" => Number(queue.MaximumMessageSize),
        "MessageRetentionPeriod" => Seconds(queue.MessageRetention),
        "DelaySeconds" => Seconds(queue.Delay),
        "ReceiveMessageWaitTimeSeconds" => Seconds(queue.ReceiveWaitTime),
        "RedrivePolicy" => queue.DeadLetterQueue is { } deadLetterQueue
            ? JsonSerializer.Serialize(new RedrivePolicy(addresses.ArnOf(deadLetterQueue), queue.MaxReceiveCount), SqsJsonContext.Default.RedrivePolicy)
            : null,
        "SqsManagedSseEnabled" => "false",
        _ => null,
    };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan value) => Number((long)value.TotalSeconds);
}
