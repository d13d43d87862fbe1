namespace Mailflow.Core.Ses;

/// <summary>A verdict: <c>{"status": "PASS"}</c>.</summary>
public sealed record SesVerdict(string Status);
