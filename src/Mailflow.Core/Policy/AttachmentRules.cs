using Mailflow.Core.Mail;

namespace Mailflow.Core.Policy;

/// <summary>
/// The attachment rules, checked in this order: count, blocked extension, executable content,
/// size, and content that contradicts its declared type or extension. Pure.
/// </summary>
public static class AttachmentRules
{
    public static AttachmentVerdict Evaluate(AttachmentFacts facts, EffectiveLimits limits)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(limits);
        if (facts.Index >= limits.MaxAttachments)
        {
            return AttachmentVerdict.Blocked(ReasonCodes.TooManyAttachments);
        }
        if (facts.Extension is { } extension && limits.BlockedExtensions.Contains(extension))
        {
            return AttachmentVerdict.Blocked(ReasonCodes.BlockedExtension);
        }
        if (FileTypeSniffer.IsExecutable(facts.Prefix))
        {
            return AttachmentVerdict.Blocked(ReasonCodes.ExecutableContent);
        }
        if (facts.Size > limits.MaxAttachmentBytes)
        {
            return AttachmentVerdict.Blocked(ReasonCodes.TooLarge);
        }
        if (FileTypeSniffer.ClaimedFormat(facts.ContentType, facts.Extension) is { } claimed &&
            !FileTypeSniffer.HasSignature(claimed, facts.Prefix))
        {
            return AttachmentVerdict.Blocked(ReasonCodes.TypeMismatch);
        }
        return AttachmentVerdict.Ok;
    }
}
