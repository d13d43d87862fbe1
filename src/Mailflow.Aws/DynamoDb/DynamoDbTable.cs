namespace Mailflow.Aws.DynamoDb;

/// <summary>
/// The environment's one DynamoDB table (key schema in <see cref="DynamoDbTableSchema"/> and docs/aws-tables.md) and
/// the clock its adapters read. One table holds the idempotency records, the thread index and the ledger, told apart
/// by their key prefixes: a single-table design needs one resource, one IAM grant and one TTL setting per environment
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-general-nosql-design.html).
/// </summary>
/// <param name="Name">The table name (CDK gives every environment its own; never an account-wide fixed name).</param>
/// <param name="Time">
/// The clock that decides which items have expired and stamps new ones: DynamoDB deletes expired items only within
/// days, so every read compares <see cref="DynamoDbTableSchema.TimeToLive"/> with this clock
/// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ttl-expired-items.html).
/// </param>
public sealed record DynamoDbTable(string Name, TimeProvider Time)
{
    /// <summary>The table on the system clock.</summary>
    public DynamoDbTable(string name)
        : this(name, TimeProvider.System)
    {
    }

    public string Name { get; } = string.IsNullOrWhiteSpace(Name)
        ? throw new ArgumentException("A DynamoDB table name is required (the stack's table for this environment).", nameof(Name))
        : Name;

    public TimeProvider Time { get; } = Time ?? throw new ArgumentNullException(nameof(Time));
}
