using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Aws.Queues;
using Mailflow.Aws.Tests.Fauxqs;
using Mailflow.Core.Ports;
using Mailflow.Testing.Contracts;
using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.Queues;

/// <summary>The queue client contract on SQS (fauxqs), received the way an app's SDK receives.</summary>
public sealed class SqsQueueClientContractTests(FauxqsServer fauxqs) : QueueClientContractTests, IClassFixture<FauxqsServer>
{
    private readonly AmazonSQSClient _sqs = fauxqs.Environment.CreateSqs();
    private readonly Dictionary<string, string> _urls = new(StringComparer.Ordinal);

    /// <summary>fauxqs refuses them as InvalidMessageContents (<see cref="FauxqsQuirks.RejectsCharactersBeyondTheBasicPlane"/>).</summary>
    protected override bool AcceptsCharactersBeyondTheBasicPlane => !FauxqsQuirks.RejectsCharactersBeyondTheBasicPlane;

    protected override Task<IQueueClient> OpenClientAsync() => Task.FromResult<IQueueClient>(new SqsQueueClient(_sqs, TimeProvider.System));

    protected override async Task CreateQueueAsync(string name) => _urls[name] = await fauxqs.CreateQueueAsync(name);

    protected override async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue)
    {
        var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = _urls[queue],
            MaxNumberOfMessages = 10,
            WaitTimeSeconds = 1,
            VisibilityTimeout = 300,
            MessageAttributeNames = ["All"],
        });
        var messages = response.Messages ?? [];
        foreach (var message in messages)
        {
            await _sqs.DeleteMessageAsync(_urls[queue], message.ReceiptHandle);
        }
        return [.. messages.Select(message => new QueueMessage(message.Body, (message.MessageAttributes ?? []).ToDictionary(
            pair => pair.Key,
            pair =>
            {
                Assert.Equal("String", pair.Value.DataType);
                return pair.Value.StringValue;
            },
            StringComparer.Ordinal)))];
    }

    public override Task DisposeAsync()
    {
        _sqs.Dispose();
        return Task.CompletedTask;
    }
}
