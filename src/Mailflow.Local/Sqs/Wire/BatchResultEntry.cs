namespace Mailflow.Local.Sqs.Wire;

/// <summary>A successful entry of DeleteMessageBatch or ChangeMessageVisibilityBatch.</summary>
internal sealed record BatchResultEntry(string Id);
