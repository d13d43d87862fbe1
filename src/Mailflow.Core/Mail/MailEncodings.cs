using System.Text;

namespace Mailflow.Core.Mail;

/// <summary>
/// .NET ships only Unicode and Latin-1 encodings; MimeKit needs the code-pages provider to decode
/// windows-1252, Shift_JIS, KOI8-R and ISO-2022-JP, which otherwise decode to garbage (DESIGN.md §4).
/// Every entry point calls <see cref="Register"/>; the parser calls it too.
/// </summary>
public static class MailEncodings
{
    public static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
