using Mailflow.Core.Policy;

namespace Mailflow.Core.Envelopes;

/// <summary>The five SES verdict statuses, as SES spells them.</summary>
public sealed record EnvelopeVerdicts(string Spf, string Dkim, string Dmarc, string Spam, string Virus)
{
    public static EnvelopeVerdicts From(ReceiptVerdicts verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        return new(verdicts.Spf, verdicts.Dkim, verdicts.Dmarc, verdicts.Spam, verdicts.Virus);
    }
}
