using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Core.Configuration;
using Mailflow.Testing.Emulators;
using Mailflow.Testing.Lambda;

namespace Mailflow.Worker.Tests.Support;

/// <summary>
/// One deployment of the worker for a test class: fauxqs (SQS and S3), dynalite (DynamoDB) and aws-ses-v2-local (SES v2)
/// on 127.0.0.1, the resources CDK would create for the default configuration (every queue with its <c>-dlq</c> as
/// RedrivePolicy target, the raw mail and attachment buckets, the table from DynamoDbTableSchema), the raw mails the
/// event fixtures point at, and the built worker bundle running under the Runtime API harness with the
/// <c>AWS_ENDPOINT_URL_*</c> variables aimed at the emulators. Tests of a class run one after another and share it, so
/// each test drains the queues it reads before invoking.
/// </summary>
public sealed class WorkerDeployment : IAsyncLifetime
{
    /// <summary>The function timeout the harness tells the worker (its deadline).</summary>
    public static readonly TimeSpan FunctionTimeout = TimeSpan.FromSeconds(30);

    private AmazonSQSClient? _sqs;
    private AmazonS3Client? _s3;
    private DynaliteTable? _table;

    public FauxqsServer Fauxqs { get; } = new();

    public DynaliteServer Dynalite { get; } = new();

    public SesEmulator Ses { get; } = new();

    public RuntimeApiHarness Worker { get; } = new();

    /// <summary>The default configuration's queue names (environment <c>local</c>).</summary>
    public QueueNames Queues { get; } = new(DefaultConfig.Instance.Environment);

    public AmazonSQSClient Sqs => _sqs ?? throw new InvalidOperationException("The deployment is not initialized.");

    public AmazonS3Client S3 => _s3 ?? throw new InvalidOperationException("The deployment is not initialized.");

    public DynaliteTable Table => _table ?? throw new InvalidOperationException("The deployment is not initialized.");

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Fauxqs.InitializeAsync(), Dynalite.InitializeAsync(), Ses.InitializeAsync());
        _sqs = Fauxqs.Environment.CreateSqs();
        _s3 = Fauxqs.Environment.CreateS3();
        var table = DynaliteTable.CreateAsync(Dynalite.Client);
        await Task.WhenAll(MailflowResources.CreateQueuesAsync(Sqs, DefaultConfig.Instance), CreateBucketsAsync(), table);
        _table = await table;
        var variables = DeploymentVariables.Create(Table.Table.Name);
        variables["AWS_ENDPOINT_URL_SQS"] = Fauxqs.Endpoint.ToString();
        variables["AWS_ENDPOINT_URL_S3"] = Fauxqs.Endpoint.ToString();
        variables["AWS_ENDPOINT_URL_DYNAMODB"] = Dynalite.ServiceUrl.ToString();
        variables["AWS_ENDPOINT_URL_SESV2"] = Ses.Endpoint.ToString();
        await Worker.StartAsync(WorkerBundle.Bootstrap, variables);
    }

    /// <summary>Hands the event to the worker and returns its response; an invocation or init error fails the test, with the function's output.</summary>
    public async Task<HarnessResult> InvokeAsync(JsonObject sqsEvent)
    {
        ArgumentNullException.ThrowIfNull(sqsEvent);
        var result = await Worker.InvokeAsync(Encoding.UTF8.GetBytes(sqsEvent.ToJsonString()), FunctionTimeout);
        Assert.True(result.Kind == HarnessResultKind.Response,
            $"The worker answered with {result.Kind} {result.ErrorType}: {result.BodyText}{Environment.NewLine}{Worker.Output}");
        return result;
    }

    /// <summary>The message ids the worker reported as batch item failures.</summary>
    public static IReadOnlyList<string> BatchItemFailures(HarnessResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var response = JsonNode.Parse(result.Body)!.AsObject();
        return [.. response["batchItemFailures"]!.AsArray().Select(failure => (string)failure!["itemIdentifier"]!)];
    }

    /// <summary>Receives and deletes every message the queue holds now (the worker has sent everything before it answers).</summary>
    public async Task<IReadOnlyList<Message>> ReceiveAllAsync(string queue)
    {
        var url = (await Sqs.GetQueueUrlAsync(queue)).QueueUrl;
        var messages = new List<Message>();
        while (true)
        {
            var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = url,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 0,
                VisibilityTimeout = 60,
                MessageAttributeNames = ["All"],
            });
            if (response.Messages is not { Count: > 0 } batch)
            {
                return messages;
            }
            messages.AddRange(batch);
            foreach (var message in batch)
            {
                await Sqs.DeleteMessageAsync(url, message.ReceiptHandle);
            }
        }
    }

    /// <summary>The envelopes on the queue, parsed (and removed from it).</summary>
    public async Task<IReadOnlyList<JsonObject>> EnvelopesAsync(string queue) =>
        [.. (await ReceiveAllAsync(queue)).Select(message => JsonNode.Parse(message.Body)!.AsObject())];

    /// <summary>Empties the queues, so that what a test then finds there is its own.</summary>
    public async Task DrainAsync(params string[] queues)
    {
        foreach (var queue in queues)
        {
            await ReceiveAllAsync(queue);
        }
    }

    /// <summary>The ledger entries of one mail (partition <c>mail#{mailId}</c>), oldest first.</summary>
    public async Task<IReadOnlyList<LedgerItem>> LedgerAsync(string mailId)
    {
        var response = await Dynalite.Client.QueryAsync(new QueryRequest
        {
            TableName = Table.Table.Name,
            // The mail's summary item (sk "summary") shares the partition; entry keys start with a year, so sort before it.
            KeyConditionExpression = "pk = :pk AND sk < :summary",
            ExpressionAttributeValues = new()
            {
                [":pk"] = new AttributeValue { S = $"mail#{mailId}" },
                [":summary"] = new AttributeValue { S = "summary" },
            },
            ConsistentRead = true,
        });
        return [.. (response.Items ?? []).Select(item => new LedgerItem(
            item["event"].S, Text(item, "app"), Text(item, "queue"), Text(item, "reasonCode"), Text(item, "providerMessageId")))];
    }

    /// <summary>Writes an object, as SES's S3 action or an earlier inbound mail would have.</summary>
    public async Task PutAsync(string bucket, string key, byte[] content)
    {
        using var body = new MemoryStream(content);
        await S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body });
    }

    /// <summary>Creates the queue's dead-letter queue (again, after a test deleted it) and returns its URL.</summary>
    public Task<string> CreateDeadLetterQueueAsync(string queue) => MailflowResources.CreateDeadLetterQueueAsync(Sqs, queue);

    public async Task DisposeAsync()
    {
        await Worker.DisposeAsync();
        _sqs?.Dispose();
        _s3?.Dispose();
        await Task.WhenAll(Fauxqs.DisposeAsync(), Dynalite.DisposeAsync(), Ses.DisposeAsync());
    }

    private static string? Text(Dictionary<string, AttributeValue> item, string name) => item.TryGetValue(name, out var value) ? value.S : null;

    private async Task CreateBucketsAsync()
    {
        await Task.WhenAll(
            S3.PutBucketAsync(new PutBucketRequest { BucketName = RawMails.Bucket }),
            S3.PutBucketAsync(new PutBucketRequest { BucketName = DeploymentVariables.AttachmentBucket }));
        foreach (var (sesMessageId, mail) in RawMails.All)
        {
            await PutAsync(RawMails.Bucket, RawMails.Key(sesMessageId), mail);
        }
    }
}
