namespace Mailflow.Core.Outbound;

/// <summary>
/// Everything <see cref="OutboundComposer"/> needs for one validated envelope, decided by the pipeline beforehand:
/// the ids (<see cref="OutboundIds"/>), the date (from its <see cref="TimeProvider"/>), the threading headers found
/// for <see cref="OutboundEnvelope.InReplyTo"/>, the hop count and the attachments' bytes.
/// </summary>
/// <param name="MessageId">Normalised (<see cref="Threading.MessageIds.Normalize"/>), like <paramref name="InReplyTo"/> and <paramref name="References"/>.</param>
/// <param name="References">Oldest first, ending with <paramref name="InReplyTo"/> when there is one (RFC 5322 §3.6.4).</param>
/// <param name="Hops">The <c>X-Mailflow-Hops</c> to write: one more than the mail this one answers carried.</param>
public sealed record ComposeRequest(
    string MailId,
    OutboundEnvelope Envelope,
    string MessageId,
    DateTimeOffset Date,
    string? InReplyTo,
    IReadOnlyList<string> References,
    int Hops,
    IReadOnlyList<ResolvedAttachment> Attachments,
    long MaxMessageBytes);
