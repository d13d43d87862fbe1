using System.Globalization;

namespace Mailflow.Core.Redaction;

/// <summary>
/// Masks personal data before it reaches a log: addresses keep their first character and domain
/// (<c>j***@example.com</c>); subjects and bodies are never logged, only their length.
/// Works on text elements, never bytes: slicing UTF-8 by byte offset crashed an earlier
/// implementation on Cyrillic and emoji (LESSONS.md).
/// </summary>
public static class Redact
{
    private const string Mask = "***";

    public static string Address(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return "(none)";
        }
        var text = address.Trim();
        var at = text.LastIndexOf('@');
        if (at < 0)
        {
            return Mask;
        }
        var local = text[..at];
        var domain = text[(at + 1)..];
        var first = local.Length == 0 ? "" : local[..StringInfo.GetNextTextElementLength(local)];
        return $"{first}{Mask}@{domain}";
    }

    public static string Addresses(IEnumerable<string> addresses) => string.Join(",", addresses.Select(Address));

    /// <summary>Free text (subject, body, reason quoting the mail) reduced to its length.</summary>
    public static string Text(string? text) => text is null ? "(none)" : $"[{new StringInfo(text).LengthInTextElements} chars]";
}
