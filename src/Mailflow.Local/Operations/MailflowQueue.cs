using Mailflow.Core.Configuration;

namespace Mailflow.Local.Operations;

/// <summary>
/// One of the queues Mailflow owns for a configuration, as the operations API names it: <see cref="Kind"/> is
/// <c>inbound</c>, <c>outbound</c>, <c>app</c> or <c>dead-letter</c>. The quarantine queue is consumed like an app's
/// queue (by whoever reviews quarantined mail), so it is an <c>app</c> queue that belongs to no app.
/// </summary>
public sealed record MailflowQueue(string Name, string Kind, string? App, string? DeadLetterQueue)
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
    public const string AppQueue = "app";
    public const string DeadLetter = "dead-letter";

    /// <summary>Every queue of the configuration in <see cref="QueueNames.All"/> order, each followed by its DLQ.</summary>
    public static IReadOnlyList<MailflowQueue> All(MailflowConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var names = new QueueNames(config.Environment);
        var primaries = new List<MailflowQueue>
        {
            new(names.Inbound, Inbound, null, QueueNames.DeadLetterOf(names.Inbound)),
            new(names.Outbound, Outbound, null, QueueNames.DeadLetterOf(names.Outbound)),
            new(names.Quarantine, AppQueue, null, QueueNames.DeadLetterOf(names.Quarantine)),
        };
        primaries.AddRange(config.Apps.Select(a => new MailflowQueue(names.ForApp(a.Name), AppQueue, a.Name, QueueNames.DeadLetterOf(names.ForApp(a.Name)))));
        return [.. primaries.SelectMany(q => new[] { q, new MailflowQueue(q.DeadLetterQueue!, DeadLetter, q.App, null) })];
    }
}
