namespace Mailflow.Core.Ports;

/// <summary>The result of claiming an idempotency key.</summary>
public enum IdempotencyClaim
{
    /// <summary>This owner holds the key: go on and send.</summary>
    Claimed,

    /// <summary>Another message holds the key, or it was already sent: acknowledge without sending.</summary>
    Duplicate,
}
