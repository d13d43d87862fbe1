namespace Mailflow.Api.Views;

/// <summary>Limits after merging (docs/configuration.md, limits); <paramref name="OnAttachmentViolation"/> is <c>strip</c>, <c>quarantine</c> or <c>reject</c>.</summary>
public sealed record EffectiveLimitsView(
    long MaxMessageBytes,
    int MaxAttachments,
    long MaxAttachmentBytes,
    IReadOnlyList<string> BlockedExtensions,
    string OnAttachmentViolation,
    int MaxEnvelopeBytes);
