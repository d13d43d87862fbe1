namespace Mailflow.Core.Configuration;

/// <summary>Size and attachment limits. Every member is optional so that an app can override only some of them.</summary>
public sealed record LimitsConfig
{
    public long? MaxMessageBytes { get; set; }
    public int? MaxAttachments { get; set; }
    public long? MaxAttachmentBytes { get; set; }

    /// <summary>File extensions (without the dot) whose attachments are never stored.</summary>
    public IReadOnlyList<string>? BlockedExtensions { get; set; }

    /// <summary>What happens to the mail when an attachment breaks a rule: <c>strip</c>, <c>quarantine</c> or <c>reject</c>.</summary>
    public string? OnAttachmentViolation { get; set; }

    /// <summary>Largest envelope put on a queue; larger ones move their bodies to storage (claim check).</summary>
    public int? MaxEnvelopeBytes { get; set; }
}
