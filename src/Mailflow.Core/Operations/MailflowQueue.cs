namespace Mailflow.Core.Operations;

/// <summary>
/// One queue Mailflow owns for a configuration: its <see cref="Kind"/> (as <see cref="QueueOverview.Kind"/> names it),
/// the app it belongs to, and its dead-letter queue (null for a DLQ itself).
/// </summary>
public sealed record MailflowQueue(string Name, string Kind, string? App, string? DeadLetterQueue)
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";

    /// <summary>Unroutable mail kept for review: consumed like an app's queue, but it belongs to no app.</summary>
    public const string Quarantine = "quarantine";

    public const string AppQueue = "app";
    public const string DeadLetter = "dead-letter";

    public bool IsDeadLetterQueue => Kind == DeadLetter;
}
