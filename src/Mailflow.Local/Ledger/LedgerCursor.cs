using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Mailflow.Local.Ledger;

/// <summary>
/// A keyset position as an opaque cursor: base64url of <c>{kind}1.{time ms}.{row id}</c>. The position, not an offset,
/// is what keeps pages stable while mail arrives: a page continues strictly below the last row it showed. The kind
/// (<c>m</c> search, <c>a</c> audit) keeps one listing's cursor out of the other.
/// </summary>
internal static class LedgerCursor
{
    public const char Search = 'm';
    public const char Audit = 'a';

    public static string Encode(char kind, long atMs, long id) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{kind}1.{atMs}.{id}")));

    /// <exception cref="ArgumentException">The text is not a cursor of this kind that this ledger issued.</exception>
    public static (long AtMs, long Id) Decode(char kind, string cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        string text;
        try
        {
            text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw Invalid(nameof(cursor));
        }
        var parts = text.Split('.');
        return parts.Length == 3
            && parts[0] == $"{kind}1"
            && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var atMs)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? (atMs, id)
                : throw Invalid(nameof(cursor));
    }

    private static ArgumentException Invalid(string parameter) =>
        new("The cursor is not one this listing issued: pass back the nextCursor of the previous page unchanged, or omit it for the first page.", parameter);
}
