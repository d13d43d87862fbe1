using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace Mailflow.Local.Tests.Sqs;

/// <summary>
/// The scenario suite's reference: npm fauxqs 2.4.1, started with Node 22 on a free port and addressed on 127.0.0.1
/// only. Its queues are created through CreateQueue, as an application would on AWS.
/// </summary>
public sealed class FauxqsTarget : SqsScenarioTarget
{
    private NodeProcess? _node;
    private AmazonSQSClient? _client;

    public override AmazonSQSClient Client => _client ?? throw new InvalidOperationException("fauxqs is not started");

    public override SqsQuirks Quirks { get; } = SqsQuirks.Fauxqs;

    public override async Task InitializeAsync()
    {
        _node = NodeProcess.Start("fauxqs-server.mjs", TimeSpan.FromMinutes(10));
        using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await _node.StandardOutput.ReadLineAsync(startup.Token)
            ?? throw new InvalidOperationException("fauxqs exited before printing its port");
        var port = JsonDocument.Parse(line).RootElement.GetProperty("port").GetInt32();
        _client = SqsClients.For(new Uri($"http://127.0.0.1:{port}/"));
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
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
