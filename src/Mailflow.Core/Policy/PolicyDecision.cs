namespace Mailflow.Core.Policy;

/// <summary>The outcome of policy for one app, with a stable reason code and a human reason.</summary>
public sealed record PolicyDecision(PolicyAction Action, string? ReasonCode, string? Reason)
{
    public static readonly PolicyDecision Accepted = new(PolicyAction.Accept, null, null);
}
