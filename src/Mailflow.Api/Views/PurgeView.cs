namespace Mailflow.Api.Views;

/// <summary>A purge done: how many messages were deleted, when the platform says (SQS does not).</summary>
public sealed record PurgeView(string Queue, long? Deleted);
