namespace Mailflow.Core.Ports;

/// <summary>
/// Which conversation each mail belongs to, by Mailflow's mail id (the SES message id of a received mail, the
/// outbound id of a sent one) and by every Message-ID a recipient may quote (SES rewrites the Message-ID of
/// mail it sends, LESSONS.md). Message-IDs are stored and looked up normalised (<see cref="Threading.MessageIds.Normalize"/>).
/// </summary>
public interface IThreadIndex
{
    /// <summary>Records a mail, replacing an earlier record of the same mail id (retries record the same facts).</summary>
    Task RecordAsync(ThreadEntry entry, CancellationToken cancellationToken);

    Task<ThreadEntry?> FindByMailIdAsync(string mailId, CancellationToken cancellationToken);

    /// <summary>The mail known under the first of <paramref name="messageIds"/> that any mail is known under, or null.</summary>
    Task<ThreadEntry?> FindByMessageIdsAsync(IReadOnlyList<string> messageIds, CancellationToken cancellationToken);
}
