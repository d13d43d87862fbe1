namespace Mailflow.Core.Configuration;

/// <summary>
/// Queue names: <c>mailflow-{env}-{app}</c>, <c>mailflow-{env}-inbound</c>, <c>-outbound</c>, <c>-quarantine</c>,
/// each with a <c>-dlq</c> twin. SQS allows 80 characters of letters, digits, hyphens and underscores;
/// the config validator keeps environment and app names short enough.
/// </summary>
public sealed class QueueNames(string environment)
{
    public const string DlqSuffix = "-dlq";

    public string Inbound => Name("inbound");
    public string Outbound => Name("outbound");
    public string Quarantine => Name("quarantine");

    public string ForApp(string app) => Name(app.ToLowerInvariant());

    public static string DeadLetterOf(string queue) => queue + DlqSuffix;

    /// <summary>Every queue Mailflow owns for this configuration, DLQs included.</summary>
    public static IReadOnlyList<string> All(MailflowConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var names = new QueueNames(config.Environment);
        var primary = new[] { names.Inbound, names.Outbound, names.Quarantine }
            .Concat(config.Apps.Select(a => names.ForApp(a.Name)));
        return primary.SelectMany(q => new[] { q, DeadLetterOf(q) }).ToList();
    }

    private string Name(string suffix) => $"mailflow-{environment}-{suffix}";
}
