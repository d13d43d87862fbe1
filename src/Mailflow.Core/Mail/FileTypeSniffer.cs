namespace Mailflow.Core.Mail;

/// <summary>
/// Recognises file formats by their first bytes, so a declared type or extension can be checked
/// against the content (signatures from each format's specification: PDF 1.7 §7.5.2, PNG §5.2, …).
/// </summary>
public static class FileTypeSniffer
{
    /// <summary>Bytes needed to recognise every format here.</summary>
    public const int PrefixLength = 8;

    private static readonly (string Format, byte[] Magic, string[] Types, string[] Extensions)[] s_formats =
    [
        ("pdf", "%PDF-"u8.ToArray(), ["application/pdf"], ["pdf"]),
        ("png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], ["image/png"], ["png"]),
        ("jpeg", [0xFF, 0xD8, 0xFF], ["image/jpeg", "image/jpg", "image/pjpeg"], ["jpg", "jpeg"]),
        ("gif", "GIF8"u8.ToArray(), ["image/gif"], ["gif"]),
        ("zip", [0x50, 0x4B, 0x03, 0x04], ["application/zip", "application/x-zip-compressed"], ["zip"]),
    ];

    /// <summary>True when the content starts like a Windows (MZ) or ELF executable.</summary>
    public static bool IsExecutable(ReadOnlySpan<byte> prefix) =>
        prefix.StartsWith("MZ"u8) || prefix.StartsWith("\u007FELF"u8);

    /// <summary>
    /// The format the type or extension claims, when this sniffer knows it; null when it claims nothing we can check.
    /// </summary>
    public static string? ClaimedFormat(string contentType, string? extension)
    {
        foreach (var (format, _, types, extensions) in s_formats)
        {
            if (types.Contains(contentType, StringComparer.OrdinalIgnoreCase) ||
                (extension is not null && extensions.Contains(extension, StringComparer.OrdinalIgnoreCase)))
            {
                return format;
            }
        }
        return null;
    }

    public static bool HasSignature(string format, ReadOnlySpan<byte> prefix)
    {
        foreach (var (name, magic, _, _) in s_formats)
        {
            if (name == format)
            {
                return prefix.StartsWith(magic);
            }
        }
        return false;
    }
}
