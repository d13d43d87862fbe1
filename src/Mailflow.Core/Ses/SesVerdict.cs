namespace Mailflow.Core.Ses;

/// <summary>A verdict: <c>{"status": "PASS"}</c>.</summary>
public sealed record SesVerdict(string Status)
{
    public static readonly SesVerdict Pass = new("PASS");
}
