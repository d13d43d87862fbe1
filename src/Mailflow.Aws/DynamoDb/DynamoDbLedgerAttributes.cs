namespace Mailflow.Aws.DynamoDb;

/// <summary>Attribute names of the ledger's items (entries, mail summaries, counters), shared by its writer and reader; docs/aws-tables.md lists them.</summary>
internal static class DynamoDbLedgerAttributes
{
    public const string MailId = "mailId";
    public const string Event = "event";
    public const string At = "at";
    public const string EnvelopeId = "envelopeId";
    public const string App = "app";
    public const string Queue = "queue";
    public const string ReasonCode = "reasonCode";
    public const string Reason = "reason";
    public const string ProviderMessageId = "providerMessageId";
    public const string MessageId = "messageId";
    public const string LatencyMs = "latencyMs";
    public const string Actor = "actor";

    public const string Direction = "direction";
    public const string FirstAt = "firstAt";
    public const string LastAt = "lastAt";
    public const string Status = "status";
    public const string StatusAt = "statusAt";
    public const string Apps = "apps";
    public const string From = "from";
    public const string Recipients = "recipients";
    public const string Subject = "subject";
    public const string FactsAt = "factsAt";
    public const string SearchText = "searchText";

    public const string Name = "name";
    public const string Count = "count";

    /// <summary>"O" of a UTC time: <c>2026-03-01T09:00:00.0000000Z</c>, always 28 characters, so text order is time order.</summary>
    public const string TimeFormat = "O";
}
