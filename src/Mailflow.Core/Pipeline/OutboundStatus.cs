namespace Mailflow.Core.Pipeline;

/// <summary>The ends of the outbound pipeline other than failure.</summary>
public enum OutboundStatus
{
    Sent,
    Duplicate,
    Suppressed,
    Delayed,
}
