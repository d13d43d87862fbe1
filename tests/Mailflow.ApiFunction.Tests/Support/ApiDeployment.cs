using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Aws.DynamoDb;
using Mailflow.Core.Configuration;
using Mailflow.Testing.Auth;
using Mailflow.Testing.Emulators;
using Mailflow.Testing.Lambda;
using Mailflow.Testing.Stubs;

namespace Mailflow.ApiFunction.Tests.Support;

/// <summary>
/// One deployment of the API for a test class, everything the function reaches on 127.0.0.1: fauxqs as S3 (the
/// attachments and raw mail buckets) and SQS (every queue of the default configuration with its <c>-dlq</c>), dynalite
/// with the table, a <see cref="FakeControlPlane"/> as the Lambda and SES (v1) control APIs the rollback switches call,
/// and a stub issuer serving <see cref="TestKeys.TrustedJwks"/>; the built API bundle runs under the Runtime API
/// harness with every variable CDK sets and the <c>AWS_ENDPOINT_URL_*</c> overrides aimed at those. The function runs
/// on the system clock, so entries a test records are stamped with it too.
/// </summary>
public sealed class ApiDeployment : IAsyncLifetime, IAsyncDisposable
{
    public static readonly TimeSpan FunctionTimeout = TimeSpan.FromSeconds(30);

    private AmazonS3Client? _s3;
    private AmazonSQSClient? _sqs;
    private DynaliteTable? _table;
    private FakeControlPlane? _controlPlane;
    private StubHttpServer? _issuer;

    public FauxqsServer Fauxqs { get; } = new();

    public DynaliteServer Dynalite { get; } = new();

    public RuntimeApiHarness Api { get; } = new();

    /// <summary>The default configuration's queue names (environment <c>local</c>).</summary>
    public QueueNames Queues { get; } = new(DefaultConfig.Instance.Environment);

    public AmazonS3Client S3 => _s3 ?? throw NotInitialized();

    public AmazonSQSClient Sqs => _sqs ?? throw NotInitialized();

    public FakeControlPlane ControlPlane => _controlPlane ?? throw NotInitialized();

    /// <summary>The ledger on the function's table, as the worker writes it (system clock, the configuration's retention).</summary>
    public DynamoDbMessageLedger Ledger => new(Dynalite.Client, new DynamoDbTable((_table ?? throw NotInitialized()).Table.Name),
        TimeSpan.FromDays(DefaultConfig.Instance.Retention.LedgerDays));

    public async Task InitializeAsync()
    {
        _controlPlane = new FakeControlPlane();
        _issuer = StubHttpServer.Start(new StubResponse(200, TestKeys.TrustedJwks));
        await Task.WhenAll(Fauxqs.InitializeAsync(), Dynalite.InitializeAsync());
        _s3 = Fauxqs.Environment.CreateS3();
        _sqs = Fauxqs.Environment.CreateSqs();
        var table = DynaliteTable.CreateAsync(Dynalite.Client);
        await Task.WhenAll(
            S3.PutBucketAsync(new PutBucketRequest { BucketName = ApiVariables.AttachmentBucket }),
            S3.PutBucketAsync(new PutBucketRequest { BucketName = ApiVariables.RawBucket }),
            MailflowResources.CreateQueuesAsync(Sqs, DefaultConfig.Instance),
            table);
        _table = await table;
        var variables = ApiVariables.Create(_table.Table.Name);
        variables["AWS_ENDPOINT_URL_S3"] = Fauxqs.Endpoint.ToString();
        variables["AWS_ENDPOINT_URL_SQS"] = Fauxqs.Endpoint.ToString();
        variables["AWS_ENDPOINT_URL_DYNAMODB"] = Dynalite.ServiceUrl.ToString();
        variables["AWS_ENDPOINT_URL_LAMBDA"] = ControlPlane.Endpoint.ToString();
        variables["AWS_ENDPOINT_URL_SES"] = ControlPlane.Endpoint.ToString();
        variables["MAILFLOW_JWKS_URL"] = new Uri(_issuer.Endpoint, "/jwks.json").ToString();
        await Api.StartAsync(ApiBundle.Bootstrap, variables);
    }

    /// <summary>Hands the request to the API and reads its response; an invocation or init error fails the test, with the function's output.</summary>
    public async Task<ApiResponse> InvokeAsync(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await Api.InvokeAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), FunctionTimeout);
        Assert.True(result.Kind == HarnessResultKind.Response,
            $"The API answered with {result.Kind} {result.ErrorType}: {result.BodyText}{Environment.NewLine}{Api.Output}");
        return ApiResponse.Parse(result.Body);
    }

    public async Task PutAttachmentAsync(string key, byte[] content)
    {
        using var body = new MemoryStream(content);
        await S3.PutObjectAsync(new PutObjectRequest { BucketName = ApiVariables.AttachmentBucket, Key = key, InputStream = body });
    }

    public async Task SendAsync(string queue, string body) =>
        await Sqs.SendMessageAsync((await Sqs.GetQueueUrlAsync(queue)).QueueUrl, body);

    /// <summary>Receives and deletes every message the queue holds now.</summary>
    public async Task<IReadOnlyList<Message>> ReceiveAllAsync(string queue)
    {
        var url = (await Sqs.GetQueueUrlAsync(queue)).QueueUrl;
        var messages = new List<Message>();
        while (true)
        {
            var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 0, VisibilityTimeout = 60 });
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

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        if (_table is not null)
        {
            await _table.DisposeAsync();
        }
        _s3?.Dispose();
        _sqs?.Dispose();
        await Task.WhenAll(Fauxqs.DisposeAsync(), Dynalite.DisposeAsync());
        if (_controlPlane is not null)
        {
            await _controlPlane.DisposeAsync();
        }
        if (_issuer is not null)
        {
            await _issuer.DisposeAsync();
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private static InvalidOperationException NotInitialized() => new("The deployment is not initialized.");
}
