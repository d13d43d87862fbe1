namespace Mailflow.Lambda.Events.Sqs;

/// <summary>A record to retry, named by its message id (<c>{"itemIdentifier":"…"}</c>).</summary>
public sealed record SqsBatchItemFailure(string ItemIdentifier);
