using Mailflow.Core.Policy;

namespace Mailflow.Cli.Commands;

/// <summary>Parses <c>--verdict name=STATUS</c> values into receipt verdicts.</summary>
public static class VerdictArguments
{
    public static bool TryParse(IEnumerable<string> values, out ReceiptVerdicts verdicts, out string? problem)
    {
        var parsed = VerdictOverrides.TryParse(values, out verdicts, out var wrong);
        problem = parsed ? null : $"--verdict {wrong}";
        return parsed;
    }
}
