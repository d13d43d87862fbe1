using Mailflow.Core.Outbound;
using Mailflow.Core.Ports;
using Mailflow.Core.Threading;
using MimeKit;

namespace Mailflow.Core.Pipeline;

/// <summary>
/// Places a received mail in its conversation and records it, so that an app's reply can be threaded and a
/// person's answer to a sent mail finds its thread. A reply is matched on its In-Reply-To and on every References
/// entry, newest first (LESSONS.md: SES rewrites Message-IDs; matching one header only started new threads).
/// </summary>
public sealed class InboundThreading(IThreadIndex threads)
{
    /// <returns>The thread id: the mail id of the conversation's first known mail, or the mail's own SES message id.</returns>
    public async Task<string> RecordAsync(string sesMessageId, MimeMessage message, string dmarcVerdict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var inReplyTo = MessageIds.Normalize(message.InReplyTo);
        List<string> references = [.. message.References.Select(MessageIds.Normalize).OfType<string>()];
        if (references.Count == 0 && inReplyTo is not null)
        {
            references.Add(inReplyTo);
        }
        var candidates = (inReplyTo is null ? references.AsEnumerable().Reverse() : references.AsEnumerable().Reverse().Prepend(inReplyTo))
            .Distinct(StringComparer.Ordinal).ToList();
        var parent = candidates.Count == 0 ? null : await threads.FindByMessageIdsAsync(candidates, cancellationToken).ConfigureAwait(false);
        var threadId = parent?.ThreadId ?? sesMessageId;
        IReadOnlyList<string> knownAs = MessageIds.Normalize(message.MessageId) is { } own ? [own] : [];
        await threads.RecordAsync(new ThreadEntry(sesMessageId, threadId, ThreadEntry.Inbound, knownAs, references,
            MailHops.Read(message.Headers), AutoReplyGuard.ReasonFor(message.Headers, dmarcVerdict)), cancellationToken).ConfigureAwait(false);
        return threadId;
    }
}
