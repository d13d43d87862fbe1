namespace Mailflow.Core.Ports;

/// <summary>
/// A failure that retrying cannot fix (the input is bad or gone). Adapters classify at their boundary
/// by throwing this or a subclass; anything else is treated as transient and left to the platform to redeliver.
/// </summary>
public class PermanentFailureException : Exception
{
    public PermanentFailureException(string message) : base(message) { }

    public PermanentFailureException(string message, Exception inner) : base(message, inner) { }

    public PermanentFailureException() { }

    /// <summary>A stable reason code for operators (see <c>Policy.ReasonCodes</c>), when the failure has one.</summary>
    public string? ReasonCode { get; init; }
}
