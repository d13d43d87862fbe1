using System.Collections.Concurrent;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;

namespace Mailflow.Aws.Queues;

/// <summary>
/// Core's <see cref="IQueueClient"/> on SQS. Queue names are resolved once with GetQueueUrl. Concurrent sends to one
/// queue (the records of a Lambda batch are processed side by side) are coalesced into SendMessageBatch calls
/// (<see cref="SqsSendBatcher"/>): fewer requests, and each caller still learns its own message's fate.
/// </summary>
public sealed class SqsQueueClient(IAmazonSQS sqs, TimeProvider time) : IQueueClient
{
    /// <summary>
    /// 256 KiB, body plus attribute names, types and values
    /// (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html). SQS raised its
    /// ceiling to 1 MiB in August 2025, but a queue's MaximumMessageSize may still be 256 KiB, and Mailflow claim-checks
    /// envelopes at 256 KiB (EffectiveLimits.DefaultMaxEnvelopeBytes): this is the size every queue accepts.
    /// The same bound caps a whole batch request, so no batch can be refused as BatchRequestTooLong either.
    /// </summary>
    public const int MaxPayloadBytes = 262_144;

    /// <summary>SendMessageBatch takes at most 10 entries.</summary>
    public const int MaxBatchEntries = 10;

    /// <summary>12 hours: the longest visibility timeout SQS accepts (API_ChangeMessageVisibility).</summary>
    public const int MaxVisibilitySeconds = 43_200;

    /// <summary>How long a partial batch waits for company: short against an SQS round trip (~10-20 ms).</summary>
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(5);

    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SqsSendBatcher> _batchers = new(StringComparer.Ordinal);

    /// <summary>
    /// Sends the message as soon as its batch is full or the window closes, and completes when SQS has accepted it.
    /// Cancelling stops the wait, not necessarily the send (as with any request already on the wire).
    /// </summary>
    /// <exception cref="PermanentFailureException">The message is over <see cref="MaxPayloadBytes"/>, or SQS refused it as invalid.</exception>
    public async Task SendAsync(string queueName, QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = SqsMessageSize.Of(message);
        if (size > MaxPayloadBytes)
        {
            // The publisher claim-checks large envelopes (EnvelopePublisher); reaching this is a bug in the caller.
            throw new PermanentFailureException(
                $"A message for queue '{queueName}' is {size.ToString("N0", CultureInfo.InvariantCulture)} bytes with its attributes, over the " +
                $"{MaxPayloadBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes SQS accepts: store the body and queue a pointer (claim check) instead.")
            {
                ReasonCode = ReasonCodes.MessageTooLarge,
            };
        }
        var url = await QueueUrlAsync(queueName, cancellationToken).ConfigureAwait(false);
        var batcher = _batchers.GetOrAdd(url, static (queueUrl, state) => new SqsSendBatcher(state.sqs, queueUrl, state.time), (sqs, time));
        await batcher.SendAsync(ToEntry(message), size).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The queue's URL, from GetQueueUrl the first time and from memory after that (a URL never changes).</summary>
    /// <exception cref="QueueDoesNotExistException">No such queue (not remembered: a deploy may create it).</exception>
    public async Task<string> QueueUrlAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_urls.TryGetValue(name, out var url))
        {
            return url;
        }
        var response = await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name }, cancellationToken).ConfigureAwait(false);
        return _urls.GetOrAdd(name, response.QueueUrl);
    }

    /// <summary>
    /// Hides a received message for <paramref name="visibility"/>, counted from now: the worker uses it to hold back a
    /// rate-limited record before reporting it as a batch item failure. Rounded up to whole seconds (never early) and
    /// capped at 12 hours; SQS also refuses to extend a message past 12 hours after its first receive.
    /// </summary>
    public Task ChangeVisibilityAsync(string queueUrl, string receiptHandle, TimeSpan visibility, CancellationToken cancellationToken) =>
        sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
        {
            QueueUrl = queueUrl,
            ReceiptHandle = receiptHandle,
            VisibilityTimeout = VisibilitySeconds(visibility),
        }, cancellationToken);

    internal static int VisibilitySeconds(TimeSpan visibility) =>
        (int)Math.Clamp(Math.Ceiling(visibility.TotalSeconds), 0, MaxVisibilitySeconds);

    /// <summary>Every attribute as DataType String (Core's attributes are strings; SQS digests and returns them as sent).</summary>
    private static SendMessageBatchRequestEntry ToEntry(QueueMessage message)
    {
        var entry = new SendMessageBatchRequestEntry { MessageBody = message.Body };
        if (message.Attributes.Count > 0)
        {
            entry.MessageAttributes = message.Attributes.ToDictionary(
                pair => pair.Key,
                pair => new MessageAttributeValue { DataType = SqsMessageSize.StringDataType, StringValue = pair.Value },
                StringComparer.Ordinal);
        }
        return entry;
    }
}
