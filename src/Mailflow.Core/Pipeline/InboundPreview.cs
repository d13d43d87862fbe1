namespace Mailflow.Core.Pipeline;

/// <summary>
/// What the inbound pipeline would do with a mail (<see cref="InboundPreviewer"/>): the id the preview gave it (derived
/// from its content, so the same bytes always give the same envelope ids), its size, the envelope recipients it was
/// routed on, and one <see cref="Delivery"/> per destination, each with the envelope it would have queued.
/// </summary>
public sealed record InboundPreview(string MailId, long Size, IReadOnlyList<string> Recipients, IReadOnlyList<Delivery> Deliveries);
