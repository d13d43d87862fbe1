using Mailflow.Core.Ports;
using Mailflow.Core.Threading;

namespace Mailflow.Core.Outbound;

/// <summary>
/// Builds an outbound mail's threading from the thread index. RFC 5322 §3.6.4: a reply's In-Reply-To is the
/// parent's Message-ID and its References are the parent's References followed by that Message-ID.
/// </summary>
public sealed class OutboundThreading(IThreadIndex threads)
{
    /// <summary>At most this many References are written: the thread's first and the most recent (a long thread would otherwise grow the header without bound).</summary>
    public const int MaxReferences = 30;

    /// <param name="inReplyTo">An inbound envelope id (<c>{sesMessageId}.{app}</c>, no <c>@</c>) or a Message-ID.</param>
    /// <returns>The thread; null when <paramref name="inReplyTo"/> names an envelope Mailflow does not know.</returns>
    public async Task<OutboundThread?> ResolveAsync(string? inReplyTo, string mailId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(inReplyTo))
        {
            return Start(mailId);
        }
        var isMessageId = inReplyTo.Contains('@', StringComparison.Ordinal);
        var quoted = isMessageId ? MessageIds.Normalize(inReplyTo) : null;
        var original = isMessageId
            ? await threads.FindByMessageIdsAsync([quoted!], cancellationToken).ConfigureAwait(false)
            : await threads.FindByMailIdAsync(MailIdOfEnvelope(inReplyTo), cancellationToken).ConfigureAwait(false);
        if (original is null)
        {
            // A Message-ID Mailflow never saw still threads in the recipient's client; an unknown envelope id has nothing to write.
            return isMessageId ? new OutboundThread(quoted, [quoted!], mailId, 1, null) : null;
        }
        var parent = isMessageId ? quoted : original.MessageIds.Count > 0 ? original.MessageIds[0] : null;
        var references = parent is null ? original.References : [.. original.References.Where(r => r != parent), parent];
        return new OutboundThread(parent, Trim(references), original.ThreadId, original.Hops + 1, original.NoAutoReplyReason,
            original.Direction == ThreadEntry.Inbound ? original.MailId : null);
    }

    /// <summary>A mail that answers nothing starts its own thread, one hop from its app.</summary>
    public static OutboundThread Start(string mailId) => new(null, [], mailId, 1, null);

    /// <summary><c>{sesMessageId}.{app}</c> → <c>sesMessageId</c> (app names have no dots, ConfigValidator; the last dot splits).</summary>
    private static string MailIdOfEnvelope(string envelopeId)
    {
        var id = envelopeId.Trim();
        var dot = id.LastIndexOf('.');
        return dot > 0 ? id[..dot] : id;
    }

    private static IReadOnlyList<string> Trim(IReadOnlyList<string> references) =>
        references.Count <= MaxReferences ? references : [references[0], .. references.Skip(references.Count - (MaxReferences - 1))];
}
