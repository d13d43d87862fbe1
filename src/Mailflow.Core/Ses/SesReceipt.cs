using Mailflow.Core.Policy;

namespace Mailflow.Core.Ses;

/// <summary>The <c>receipt</c> object: recipients this rule accepted, the verdicts, and where the raw mail is.</summary>
public sealed record SesReceipt
{
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The envelope recipients matched by the receipt rule (Bcc included); routing uses these.</summary>
    public IReadOnlyList<string> Recipients { get; set; } = [];

    public SesVerdict? SpfVerdict { get; set; }
    public SesVerdict? DkimVerdict { get; set; }
    public SesVerdict? DmarcVerdict { get; set; }
    public SesVerdict? SpamVerdict { get; set; }
    public SesVerdict? VirusVerdict { get; set; }

    /// <summary>The sender domain's DMARC policy (none, quarantine, reject), present only when DMARC failed.</summary>
    public string? DmarcPolicy { get; set; }

    public required SesAction Action { get; set; }

    /// <summary>
    /// The five statuses. SES always sends them; a verdict missing from a notification reads <c>MISSING</c>,
    /// which no policy table lists, so policy quarantines the mail rather than guessing.
    /// </summary>
    public ReceiptVerdicts Verdicts() =>
        new(Status(SpfVerdict), Status(DkimVerdict), Status(DmarcVerdict), Status(SpamVerdict), Status(VirusVerdict));

    private static string Status(SesVerdict? verdict) =>
        string.IsNullOrWhiteSpace(verdict?.Status) ? "MISSING" : verdict.Status.Trim().ToUpperInvariant();
}
