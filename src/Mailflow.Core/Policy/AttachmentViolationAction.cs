namespace Mailflow.Core.Policy;

/// <summary>What an attachment rule violation does to the mail.</summary>
public enum AttachmentViolationAction
{
    /// <summary>The attachment is not stored; the envelope lists it as blocked with its reason; the mail is delivered.</summary>
    Strip = 0,
    Quarantine = 1,
    Reject = 2,
}
