using System.Text;

namespace Mailflow.Core.Outbound;

/// <summary>Character checks shared by the outbound rules.</summary>
internal static class OutboundText
{
    /// <summary>
    /// True when the text holds a control character other than tab (CR, LF, NUL, DEL, C1 controls). In a value that
    /// becomes a header, CR LF ends the header and starts one the app chose (header injection, RFC 5322 §2.2).
    /// </summary>
    public static bool HasControl(string? text)
    {
        if (text is null)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (c != '\t' && char.IsControl(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The text with control characters written as <c>\uXXXX</c>, so that it cannot forge a log line.</summary>
    public static string Printable(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c);
        }
        return builder.ToString();
    }

    /// <summary>Unicode code points: what JSON Schema's <c>minLength</c> and <c>maxLength</c> count (draft-07 §6.3.1).</summary>
    public static int CodePoints(string text) => text.EnumerateRunes().Count();
}
