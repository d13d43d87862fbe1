namespace Mailflow.Core.Outbound;

/// <summary>
/// Where an outbound mail sits in its conversation: the threading headers to write (normalised ids), the thread's
/// id, the hop count the mail will carry, and whether its original forbids automatic replies.
/// </summary>
/// <param name="RepliesToInbound">The SES message id of the received mail this one answers, when the original is one (its ledger then records the reply).</param>
public sealed record OutboundThread(
    string? InReplyTo,
    IReadOnlyList<string> References,
    string ThreadId,
    int Hops,
    string? NoAutoReplyReason,
    string? RepliesToInbound = null);
