using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Mailflow.Aws.DynamoDb;
using Microsoft.Extensions.Time.Testing;

namespace Mailflow.Testing.Emulators;

/// <summary>A fresh table on dynalite for one test, created from <see cref="DynamoDbTableSchema"/>, on a fake clock.</summary>
public sealed class DynaliteTable : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private DynaliteTable(IAmazonDynamoDB client, DynamoDbTable table, FakeTimeProvider clock)
    {
        Client = client;
        Table = table;
        Clock = clock;
    }

    public IAmazonDynamoDB Client { get; }

    public DynamoDbTable Table { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>Creates a uniquely named table and waits until it is ACTIVE, as a caller on AWS must.</summary>
    public static async Task<DynaliteTable> CreateAsync(IAmazonDynamoDB client)
    {
        var name = $"mailflow-test-{Guid.NewGuid():N}";
        await client.CreateTableAsync(DynamoDbTableSchema.CreateTableRequest(name));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await client.DescribeTableAsync(name, deadline.Token)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
        var clock = new FakeTimeProvider(Start);
        return new DynaliteTable(client, new DynamoDbTable(name, clock), clock);
    }

    /// <summary>The raw item under <paramref name="partitionKey"/>/<paramref name="sortKey"/>, or null.</summary>
    public async Task<Dictionary<string, AttributeValue>?> ItemAsync(string partitionKey, string sortKey)
    {
        var response = await Client.GetItemAsync(new GetItemRequest
        {
            TableName = Table.Name,
            Key = new()
            {
                [DynamoDbTableSchema.PartitionKey] = new AttributeValue { S = partitionKey },
                [DynamoDbTableSchema.SortKey] = new AttributeValue { S = sortKey },
            },
            ConsistentRead = true,
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>Every raw item of the table (a test table holds a handful).</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> ItemsAsync()
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        var request = new ScanRequest { TableName = Table.Name, ConsistentRead = true };
        do
        {
            var response = await Client.ScanAsync(request);
            items.AddRange(response.Items ?? []);
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });
        return items;
    }

    public async ValueTask DisposeAsync() => await Client.DeleteTableAsync(Table.Name);
}
