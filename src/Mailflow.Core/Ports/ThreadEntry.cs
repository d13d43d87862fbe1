namespace Mailflow.Core.Ports;

/// <summary>
/// One mail's place in a conversation and the facts a reply to it needs.
/// </summary>
/// <param name="MailId">SES message id (received) or outbound id (sent).</param>
/// <param name="ThreadId">The mail id of the first mail of the conversation (its own id when it starts one).</param>
/// <param name="Direction"><c>inbound</c> or <c>outbound</c>.</param>
/// <param name="MessageIds">Normalised Message-IDs the mail is known under; the first is the one in its header.</param>
/// <param name="References">Normalised References of the mail, oldest first (RFC 5322 §3.6.4).</param>
/// <param name="Hops">Its <c>X-Mailflow-Hops</c> value (0 when absent).</param>
/// <param name="NoAutoReplyReason">Why no automatic reply may go to its sender (a reason code), or null.</param>
public sealed record ThreadEntry(
    string MailId,
    string ThreadId,
    string Direction,
    IReadOnlyList<string> MessageIds,
    IReadOnlyList<string> References,
    int Hops,
    string? NoAutoReplyReason)
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
}
