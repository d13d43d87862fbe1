namespace Mailflow.Core.Policy;

/// <summary>
/// Simulated SES verdicts written <c>NAME=STATUS</c> (<c>spam=FAIL</c>, <c>virus=GRAY</c>), as <c>mailflow parse --verdict</c>
/// and <c>POST /api/routes/preview?verdict=</c> take them. Unnamed verdicts stay PASS.
/// </summary>
public static class VerdictOverrides
{
    /// <param name="problem">When false: the value that is wrong and what to write instead, for the caller to prefix with its option's name.</param>
    public static bool TryParse(IEnumerable<string> values, out ReceiptVerdicts verdicts, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(values);
        verdicts = ReceiptVerdicts.AllPass;
        problem = null;
        foreach (var value in values)
        {
            var parts = value.Split('=', 2);
            var name = parts[0].Trim().ToLowerInvariant();
            var status = parts.Length == 2 ? parts[1].Trim().ToUpperInvariant() : "";
            if (!EffectiveVerdictPolicy.VerdictNames.Contains(name) || !EffectiveVerdictPolicy.Statuses.Contains(status))
            {
                problem = $"{value}: write NAME=STATUS with NAME one of {string.Join(", ", EffectiveVerdictPolicy.VerdictNames)} " +
                    $"and STATUS one of {string.Join(", ", EffectiveVerdictPolicy.Statuses)}.";
                return false;
            }
            verdicts = name switch
            {
                "spf" => verdicts with { Spf = status },
                "dkim" => verdicts with { Dkim = status },
                "dmarc" => verdicts with { Dmarc = status },
                "spam" => verdicts with { Spam = status },
                _ => verdicts with { Virus = status },
            };
        }
        return true;
    }
}
