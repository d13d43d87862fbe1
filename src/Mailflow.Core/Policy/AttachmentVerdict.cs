namespace Mailflow.Core.Policy;

/// <summary>Whether one attachment may be stored and, if not, why.</summary>
public sealed record AttachmentVerdict(bool Allowed, string? ReasonCode)
{
    public static readonly AttachmentVerdict Ok = new(true, null);

    public static AttachmentVerdict Blocked(string reasonCode) => new(false, reasonCode);
}
