namespace Mailflow.Aws.Operations;

/// <summary>One queue of the configuration's topology: its kind (<see cref="Core.Operations.QueueOverview.Kind"/>), app and DLQ.</summary>
/// <param name="DeadLetterQueue">The queue's DLQ; null for a DLQ itself.</param>
internal sealed record KnownQueue(string Name, string Kind, string? App, string? DeadLetterQueue)
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
    public const string Quarantine = "quarantine";
    public const string AppQueue = "app";
    public const string DeadLetter = "dead-letter";

    public bool IsDeadLetterQueue => Kind == DeadLetter;
}
