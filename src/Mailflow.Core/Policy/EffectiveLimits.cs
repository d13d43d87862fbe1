using Mailflow.Core.Configuration;

namespace Mailflow.Core.Policy;

/// <summary>Limits after merging defaults, the global limits and an app's overrides.</summary>
public sealed record EffectiveLimits(
    long MaxMessageBytes,
    int MaxAttachments,
    long MaxAttachmentBytes,
    IReadOnlySet<string> BlockedExtensions,
    AttachmentViolationAction OnAttachmentViolation,
    int MaxEnvelopeBytes)
{
    /// <summary>40 MiB: the largest mail SES receiving accepts, headers included.</summary>
    public const long DefaultMaxMessageBytes = 40L * 1024 * 1024;

    /// <summary>256 KiB: the SQS message size every queue accepts whatever its MaximumMessageSize setting.</summary>
    public const int DefaultMaxEnvelopeBytes = 256 * 1024;

    public static readonly IReadOnlyList<string> DefaultBlockedExtensions =
    [
        "exe", "com", "bat", "cmd", "scr", "pif", "vbs", "vbe", "js", "jse", "wsf", "wsh", "msi", "msp",
        "jar", "ps1", "lnk", "hta", "cpl", "dll", "reg", "iso", "img",
    ];

    public static EffectiveLimits Defaults { get; } = new(
        DefaultMaxMessageBytes,
        MaxAttachments: 50,
        MaxAttachmentBytes: 25L * 1024 * 1024,
        new HashSet<string>(DefaultBlockedExtensions, StringComparer.OrdinalIgnoreCase),
        AttachmentViolationAction.Strip,
        DefaultMaxEnvelopeBytes);

    /// <summary>Returns limits with the configured entries laid over these.</summary>
    public EffectiveLimits With(LimitsConfig? overrides) => overrides is null ? this : new(
        overrides.MaxMessageBytes ?? MaxMessageBytes,
        overrides.MaxAttachments ?? MaxAttachments,
        overrides.MaxAttachmentBytes ?? MaxAttachmentBytes,
        overrides.BlockedExtensions is { } blocked
            ? new HashSet<string>(blocked.Select(e => e.TrimStart('.')), StringComparer.OrdinalIgnoreCase)
            : BlockedExtensions,
        overrides.OnAttachmentViolation is { } action && TryParseViolationAction(action, out var parsed)
            ? parsed
            : OnAttachmentViolation,
        overrides.MaxEnvelopeBytes ?? MaxEnvelopeBytes);

    /// <summary>Reads <c>strip</c>, <c>quarantine</c> or <c>reject</c>, spelt exactly as the schema has them.</summary>
    public static bool TryParseViolationAction(string value, out AttachmentViolationAction action)
    {
        (var known, action) = value switch
        {
            "strip" => (true, AttachmentViolationAction.Strip),
            "quarantine" => (true, AttachmentViolationAction.Quarantine),
            "reject" => (true, AttachmentViolationAction.Reject),
            _ => (false, AttachmentViolationAction.Strip),
        };
        return known;
    }
}
