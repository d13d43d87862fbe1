namespace Mailflow.Core.Ses;

/// <summary>The <c>receipt</c> object: recipients this rule accepted, the verdicts, and where the raw mail is.</summary>
public sealed record SesReceipt
{
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The envelope recipients matched by the receipt rule (Bcc included); routing uses these.</summary>
    public IReadOnlyList<string> Recipients { get; set; } = [];

    public SesVerdict SpfVerdict { get; set; } = SesVerdict.Pass;
    public SesVerdict DkimVerdict { get; set; } = SesVerdict.Pass;
    public SesVerdict DmarcVerdict { get; set; } = SesVerdict.Pass;
    public SesVerdict SpamVerdict { get; set; } = SesVerdict.Pass;
    public SesVerdict VirusVerdict { get; set; } = SesVerdict.Pass;

    /// <summary>The sender domain's DMARC policy (none, quarantine, reject), present only when DMARC failed.</summary>
    public string? DmarcPolicy { get; set; }

    public required SesAction Action { get; set; }
}
