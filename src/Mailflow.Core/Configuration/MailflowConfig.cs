using System.Text.Json.Serialization;

namespace Mailflow.Core.Configuration;

/// <summary>The contents of <c>mailflow.json</c>: the one file that drives local mode, the functions and the CDK stack.</summary>
public sealed record MailflowConfig
{
    /// <summary>The editor hint <c>"$schema"</c>; ignored by Mailflow.</summary>
    [JsonPropertyName("$schema")]
    public string? SchemaHint { get; set; }

    public string Environment { get; set; } = "local";
    public IReadOnlyList<string> Domains { get; set; } = [];
    public IReadOnlyList<AppConfig> Apps { get; set; } = [];
    public UnroutableConfig Unroutable { get; set; } = new();
    public LimitsConfig Limits { get; set; } = new();
    public VerdictPolicyConfig Verdicts { get; set; } = new();
    public RetentionConfig Retention { get; set; } = new();
    public QueuesConfig Queues { get; set; } = new();
    public LinksConfig Links { get; set; } = new();
    public OutboundConfig Outbound { get; set; } = new();
    public ApiConfig Api { get; set; } = new();
    public DashboardConfig Dashboard { get; set; } = new();
}
