using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Testing.Emulators;

namespace Mailflow.Local.Tests.Sqs;

/// <summary>
/// The scenario suite's reference: npm fauxqs 2.4.1, started by the shared <see cref="FauxqsServer"/> and addressed on
/// 127.0.0.1 only. Its queues are created through CreateQueue, as an application would on AWS.
/// </summary>
public sealed class FauxqsTarget : SqsScenarioTarget
{
    private readonly FauxqsServer _server = new();
    private AmazonSQSClient? _client;

    public override AmazonSQSClient Client => _client ?? throw new InvalidOperationException("fauxqs is not started");

    public override SqsQuirks Quirks { get; } = SqsQuirks.Fauxqs;

    public override async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        _client = SqsClients.For(_server.Endpoint);
    }

    public override async Task<string> CreateQueueAsync(string name, TimeSpan visibilityTimeout, string? deadLetterQueue = null, int maxReceiveCount = 0)
    {
        var attributes = new Dictionary<string, string> { ["VisibilityTimeout"] = $"{(int)visibilityTimeout.TotalSeconds}" };
        if (deadLetterQueue is not null)
        {
            var deadLetterArn = await ArnOfAsync(deadLetterQueue);
            attributes["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{deadLetterArn}}","maxReceiveCount":{{maxReceiveCount}}}""";
        }
        return (await Client.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = attributes })).QueueUrl;
    }

    public override async Task DisposeAsync()
    {
        _client?.Dispose();
        await _server.DisposeAsync();
    }
}
