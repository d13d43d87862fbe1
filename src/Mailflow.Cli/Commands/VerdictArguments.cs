using Mailflow.Core.Policy;

namespace Mailflow.Cli.Commands;

/// <summary>Parses <c>--verdict name=STATUS</c> values into receipt verdicts.</summary>
public static class VerdictArguments
{
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
                problem = $"--verdict {value}: write NAME=STATUS with NAME one of {string.Join(", ", EffectiveVerdictPolicy.VerdictNames)} " +
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
