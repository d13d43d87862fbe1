using System.Globalization;
using System.Text.RegularExpressions;

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

    /// <summary>
    /// Every address-shaped run in <paramref name="text"/> (an envelope's JSON, a reason quoting a sender) masked as
    /// <see cref="Address"/> masks one; the rest of the text is kept. Deliberately broad: a local part is any run of
    /// characters that cannot end an address (so quoted and Unicode local parts are caught too).
    /// </summary>
    public static string AddressesIn(string? text) =>
        string.IsNullOrEmpty(text) ? text ?? "" : s_addressShape.Replace(text, match => Address(match.Value));

    /// <summary><see cref="AddressesIn"/> for an optional text: null stays null (a timeline step without a detail).</summary>
    public static string? AddressesInOrNull(string? text) => text is null ? null : AddressesIn(text);

    /// <summary>Non-backtracking: linear in the text's length whatever it holds (a queue body is up to 256 KiB).</summary>
    private static readonly Regex s_addressShape = new(@"[^\s""'<>(),;:\[\]@]+@[A-Za-z0-9\p{L}](?:[A-Za-z0-9\p{L}-]*[A-Za-z0-9\p{L}])?(?:\.[A-Za-z0-9\p{L}](?:[A-Za-z0-9\p{L}-]*[A-Za-z0-9\p{L}])?)*", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>Free text (subject, body, reason quoting the mail) reduced to its length.</summary>
    public static string Text(string? text) => text is null ? "(none)" : $"[{new StringInfo(text).LengthInTextElements} chars]";
}
