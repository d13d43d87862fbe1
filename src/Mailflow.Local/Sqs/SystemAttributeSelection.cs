using System.Globalization;
using Mailflow.Local.Queues;

namespace Mailflow.Local.Sqs;

/// <summary>
/// ReceiveMessage's MessageSystemAttributeNames and the legacy AttributeNames (merged, as SQS does): <c>All</c> or
/// individual names. Timestamps are epoch milliseconds, as SQS sends them. The FIFO-only attributes and AWSTraceHeader
/// have no value here and are left out; so are names SQS does not define.
/// </summary>
internal sealed class SystemAttributeSelection
{
    private readonly HashSet<string> _names;

    private SystemAttributeSelection(IEnumerable<string> names) => _names = new HashSet<string>(names, StringComparer.Ordinal);

    public static SystemAttributeSelection From(IEnumerable<string>? attributeNames, IEnumerable<string>? systemAttributeNames) =>
        new((attributeNames ?? []).Concat(systemAttributeNames ?? []));

    public Dictionary<string, string>? Apply(ReceivedMessage message, SqsQueueAddresses addresses)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(attributes, "SenderId", SqsQueueAddresses.AccountId);
        Add(attributes, "SentTimestamp", Milliseconds(message.SentAt));
        Add(attributes, "ApproximateReceiveCount", message.ReceiveCount.ToString(CultureInfo.InvariantCulture));
        Add(attributes, "ApproximateFirstReceiveTimestamp", Milliseconds(message.FirstReceivedAt));
        if (message.DeadLetterSourceQueue is { } source)
        {
            Add(attributes, "DeadLetterQueueSourceArn", addresses.ArnOf(source));
        }
        return attributes.Count == 0 ? null : attributes;
    }

    private void Add(Dictionary<string, string> attributes, string name, string value)
    {
        if (_names.Contains("All") || _names.Contains(name))
        {
            attributes[name] = value;
        }
    }

    private static string Milliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
