namespace Mailflow.Core.Operations;

/// <summary>The stored raw mail of received mails, for download and replay.</summary>
public interface IMailArchive
{
    /// <summary>The raw MIME of a received mail, or null when it is not (or no longer) stored.</summary>
    Task<Stream?> OpenRawAsync(string mailId, CancellationToken cancellationToken);

    /// <summary>
    /// Puts the mail's receipt notification on the inbound queue again, so the inbound pipeline runs on the stored raw
    /// mail as it did the first time (same SES message id, so the same deterministic envelope ids). False when the raw
    /// mail is not stored.
    /// </summary>
    Task<bool> ReplayAsync(string mailId, CancellationToken cancellationToken);

    /// <summary>
    /// Receives a test mail through the receipt path: locally the SMTP listener's code path, on AWS the raw object and
    /// its notification written as SES would. Returns the mail id the ledger will show.
    /// </summary>
    Task<string> InjectAsync(Stream mime, string mailFrom, IReadOnlyList<string> recipients, CancellationToken cancellationToken);
}
