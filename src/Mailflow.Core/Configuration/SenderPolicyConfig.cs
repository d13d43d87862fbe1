namespace Mailflow.Core.Configuration;

/// <summary>Which From addresses an app accepts. Block wins over allow; an empty allow list allows everyone.</summary>
public sealed record SenderPolicyConfig
{
    public IReadOnlyList<string> Allow { get; set; } = [];
    public IReadOnlyList<string> Block { get; set; } = [];
}
