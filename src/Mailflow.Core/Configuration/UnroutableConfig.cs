namespace Mailflow.Core.Configuration;

/// <summary>Where mail goes when no app takes a recipient: the quarantine queue, or a named catch-all app.</summary>
public sealed record UnroutableConfig
{
    public const string Quarantine = "quarantine";
    public const string CatchAll = "catchAll";

    public string Action { get; set; } = Quarantine;

    /// <summary>The catch-all app when <see cref="Action"/> is <c>catchAll</c>.</summary>
    public string? App { get; set; }
}
