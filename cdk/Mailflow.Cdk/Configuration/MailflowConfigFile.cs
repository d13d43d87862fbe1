namespace Mailflow.Cdk.Configuration;

/// <summary>
/// What the stack needs from mailflow.json: domains, apps, queue and retention settings, the dashboard's sign-in. The CDK references no
/// <c>src</c> project (DESIGN.md §2), so it reads the file with this small model of its own; the functions get the
/// whole file (<see cref="Json"/>) and validate all of it themselves. A test checks this model against the schema.
/// </summary>
public sealed record MailflowConfigFile
{
    public IReadOnlyList<string> Domains { get; init; } = [];
    public IReadOnlyList<AppEntry> Apps { get; init; } = [];
    public QueueSettings Queues { get; init; } = new();
    public RetentionSettings Retention { get; init; } = new();
    public DashboardSettings Dashboard { get; init; } = new();
    public ApiSettings Api { get; init; } = new();

    /// <summary>The file's JSON without whitespace or comments: the functions' <c>MAILFLOW_CONFIG</c>.</summary>
    public string Json { get; init; } = "{}";
}
