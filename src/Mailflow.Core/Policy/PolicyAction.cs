namespace Mailflow.Core.Policy;

/// <summary>What policy does with mail for one app, in increasing severity.</summary>
public enum PolicyAction
{
    Accept = 0,
    Quarantine = 1,
    Reject = 2,
}
