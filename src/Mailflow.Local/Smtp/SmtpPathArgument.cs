namespace Mailflow.Local.Smtp;

/// <summary>
/// The argument of MAIL FROM / RCPT TO: <c>KEYWORD:&lt;path&gt; [param[=value] ...]</c> (RFC 5321 §4.1.1.2-3, §4.1.2).
/// A space after the colon is tolerated, as most servers do; a source route (<c>&lt;@a,@b:user@c&gt;</c>) is accepted
/// and ignored (RFC 5321 §4.1.2, Appendix C). Parameter keywords are case-insensitive; a repeated keyword is a syntax error.
/// </summary>
internal sealed class SmtpPathArgument
{
    private SmtpPathArgument(string path, Dictionary<string, string?> parameters)
    {
        Path = path;
        Parameters = parameters;
    }

    /// <summary>The mailbox between the angle brackets, without source route; empty for <c>&lt;&gt;</c>.</summary>
    public string Path { get; }

    /// <summary>ESMTP parameters by upper-case keyword; the value is null for a keyword without <c>=</c>.</summary>
    public IReadOnlyDictionary<string, string?> Parameters { get; }

    public static SmtpPathArgument? TryParse(string argument, string keyword)
    {
        if (!argument.StartsWith(keyword, StringComparison.OrdinalIgnoreCase)
            || argument.Length <= keyword.Length
            || argument[keyword.Length] != ':')
        {
            return null;
        }
        var rest = argument[(keyword.Length + 1)..].TrimStart(' ');
        if (rest.Length == 0 || rest[0] != '<')
        {
            return null;
        }
        var close = ClosingBracket(rest);
        if (close < 0)
        {
            return null;
        }
        var path = rest[1..close];
        if (path.StartsWith('@'))
        {
            var colon = path.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return null;
            }
            path = path[(colon + 1)..];
        }
        var tail = rest[(close + 1)..];
        if (tail.Length > 0 && tail[0] != ' ')
        {
            return null;
        }
        var parameters = ParseParameters(tail);
        return parameters is null ? null : new SmtpPathArgument(path, parameters);
    }

    /// <summary>The '>' closing the path; a quoted local part may itself contain '>' (RFC 5321 §4.1.2 Quoted-string).</summary>
    private static int ClosingBracket(string text)
    {
        var quoted = false;
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '>')
            {
                return i;
            }
        }
        return -1;
    }

    private static Dictionary<string, string?>? ParseParameters(string tail)
    {
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var item in tail.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? item : item[..equals];
            var value = equals < 0 ? null : item[(equals + 1)..];
            if (!IsKeyword(key) || (value is not null && !IsValue(value)) || !parameters.TryAdd(key.ToUpperInvariant(), value))
            {
                return null;
            }
        }
        return parameters;
    }

    // esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
    private static bool IsKeyword(string key) =>
        key.Length > 0 && char.IsAsciiLetterOrDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    // esmtp-value = 1*(%d33-60 / %d62-126), widened by RFC 6531 §3.3 to UTF-8 non-ASCII.
    private static bool IsValue(string value) =>
        value.Length > 0 && value.All(c => c is (>= '!' and <= '<') or (>= '>' and <= '~') or > '\u007f');
}
