using Mailflow.Core.Ports;

namespace Mailflow.Core.Outbound;

/// <summary>
/// An outbound envelope that can never be sent as it is: sending it again cannot help, so the worker dead-letters it
/// with <see cref="PermanentFailureException.ReasonCode"/> (the first problem's) and the whole list in the message.
/// </summary>
public sealed class OutboundInvalidException : PermanentFailureException
{
    public OutboundInvalidException(IReadOnlyList<OutboundProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
        base.ReasonCode = problems[0].ReasonCode;
    }

    public OutboundInvalidException() : this([new OutboundProblem("$", Policy.ReasonCodes.InvalidEnvelope, "the envelope is invalid.")]) { }

    public OutboundInvalidException(string message) : this([new OutboundProblem("$", Policy.ReasonCodes.InvalidEnvelope, message)]) { }

    public OutboundInvalidException(string message, Exception inner) : base(message, inner)
    {
        Problems = [new OutboundProblem("$", Policy.ReasonCodes.InvalidEnvelope, message)];
        base.ReasonCode = Policy.ReasonCodes.InvalidEnvelope;
    }

    /// <summary>Every problem found, in envelope order; never empty.</summary>
    public IReadOnlyList<OutboundProblem> Problems { get; }

    /// <summary>The first problem's reason code (never null, unlike the base class's).</summary>
    public new string ReasonCode => base.ReasonCode!;

    private static string Describe(IReadOnlyList<OutboundProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("An invalid envelope has at least one problem.", nameof(problems));
        }
        return string.Join("; ", problems);
    }
}
