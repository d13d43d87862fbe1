namespace Mailflow.Worker.Tests.Support;

/// <summary>One ledger entry as the worker wrote it to the table (attributes of docs/aws-tables.md).</summary>
public sealed record LedgerItem(string Event, string? App, string? Queue, string? ReasonCode, string? ProviderMessageId);
