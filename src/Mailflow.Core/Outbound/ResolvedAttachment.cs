namespace Mailflow.Core.Outbound;

/// <summary>
/// An attachment with its bytes in hand, ready for <see cref="OutboundComposer"/>. Held in memory: an outbound mail
/// is at most <c>outbound.maxMessageBytes</c> (10 MiB by default) and SES takes the whole raw message in one call anyway.
/// </summary>
/// <param name="ContentType">A <c>type/subtype</c>: the envelope's, or derived from the filename when it gave none.</param>
/// <param name="ContentId">For an inline image the HTML references as <c>cid:</c>; null otherwise.</param>
public sealed record ResolvedAttachment(string Filename, string ContentType, byte[] Content, string? ContentId);
