namespace Mailflow.Core.Policy;

/// <summary>The five SES receipt verdicts, as SES spells their status (PASS, FAIL, GRAY, PROCESSING_FAILED, DISABLED).</summary>
public sealed record ReceiptVerdicts(string Spf, string Dkim, string Dmarc, string Spam, string Virus)
{
    public const string Pass = "PASS";

    public static readonly ReceiptVerdicts AllPass = new(Pass, Pass, Pass, Pass, Pass);

    /// <summary>In the order policy reports them: the most dangerous first.</summary>
    public IEnumerable<(string Name, string Status)> InReportOrder()
    {
        yield return ("virus", Virus);
        yield return ("spam", Spam);
        yield return ("dmarc", Dmarc);
        yield return ("spf", Spf);
        yield return ("dkim", Dkim);
    }
}
