using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.DynamoDb;

/// <summary>
/// A real client of dynalite that can fail chosen writes (to stand for a Lambda that dies between two of them) and
/// counts BatchGetItem calls and the ones that left keys unprocessed.
/// </summary>
public sealed class InterceptingDynamoDbClient(DynaliteServer server) : AmazonDynamoDBClient(
    new BasicAWSCredentials("local", "local"),
    new AmazonDynamoDBConfig { ServiceURL = server.ServiceUrl.ToString(), AuthenticationRegion = "us-east-1" })
{
    private int _batchGets;
    private int _unprocessedBatchGets;

    /// <summary>PutItem requests to fail, before they reach the table.</summary>
    public Func<PutItemRequest, bool> FailPut { get; set; } = _ => false;

    /// <summary>DeleteItem requests to fail, before they reach the table.</summary>
    public Func<DeleteItemRequest, bool> FailDelete { get; set; } = _ => false;

    public int BatchGets => _batchGets;

    public int UnprocessedBatchGets => _unprocessedBatchGets;

    public override Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default) =>
        FailPut(request) ? throw Crash() : base.PutItemAsync(request, cancellationToken);

    public override Task<DeleteItemResponse> DeleteItemAsync(DeleteItemRequest request, CancellationToken cancellationToken = default) =>
        FailDelete(request) ? throw Crash() : base.DeleteItemAsync(request, cancellationToken);

    public override async Task<BatchGetItemResponse> BatchGetItemAsync(BatchGetItemRequest request, CancellationToken cancellationToken = default)
    {
        var response = await base.BatchGetItemAsync(request, cancellationToken);
        Interlocked.Increment(ref _batchGets);
        if (response.UnprocessedKeys is { Count: > 0 })
        {
            Interlocked.Increment(ref _unprocessedBatchGets);
        }
        return response;
    }

    private static AmazonServiceException Crash() => new("Injected failure: the process died before this write.");
}
