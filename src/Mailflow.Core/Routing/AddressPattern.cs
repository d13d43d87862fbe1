namespace Mailflow.Core.Routing;

/// <summary>
/// A case-insensitive address glob where <c>*</c> matches any run of characters
/// (<c>invoices-*@acme.com</c>, <c>*@partner.example</c>). Matched segment by segment,
/// without regular expressions, so a hostile address cannot make matching slow.
/// </summary>
public sealed class AddressPattern
{
    private readonly string[] _segments;

    public AddressPattern(string pattern)
    {
        Pattern = pattern.Trim().ToLowerInvariant();
        _segments = Pattern.Split('*');
    }

    public string Pattern { get; }

    public bool IsLiteral => _segments.Length == 1;

    public bool Matches(string address)
    {
        var text = address.AsSpan();
        var first = _segments[0];
        if (!text.StartsWith(first, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (IsLiteral)
        {
            return text.Length == first.Length;
        }
        var position = first.Length;
        for (var i = 1; i < _segments.Length - 1; i++)
        {
            var found = text[position..].IndexOf(_segments[i], StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }
            position += found + _segments[i].Length;
        }
        var last = _segments[^1];
        return text.Length - position >= last.Length && text.EndsWith(last, StringComparison.OrdinalIgnoreCase);
    }

    public override string ToString() => Pattern;
}
