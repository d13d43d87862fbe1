using System.Text;

namespace Mailflow.Benchmarks;

/// <summary>Deterministic sample mails of a given size: multipart/mixed with text, html and one attachment.</summary>
public static class SampleMail
{
    /// <summary>A mail of roughly <paramref name="totalBytes"/> bytes; the attachment takes what the bodies leave.</summary>
    public static byte[] OfSize(int totalBytes)
    {
        var text = Lorem(Math.Min(4_000, totalBytes / 4));
        var html = $"<html><body><p>{Lorem(Math.Min(4_000, totalBytes / 4))}</p></body></html>";
        var overhead = 1_200 + text.Length + html.Length;
        var attachmentBytes = Math.Max(0, (totalBytes - overhead) * 3 / 4 * 76 / 78);
        using var output = new MemoryStream(totalBytes + 4096);
        Write(output, attachmentBytes, text, html);
        return output.ToArray();
    }

    /// <summary>Writes a mail with a PDF attachment of <paramref name="attachmentBytes"/> decoded bytes, streaming, to a file.</summary>
    public static void WriteLarge(string path, long attachmentBytes)
    {
        using var file = File.Create(path);
        Write(file, attachmentBytes, Lorem(2_000), $"<p>{Lorem(2_000)}</p>");
    }

    private static void Write(Stream output, long attachmentBytes, string text, string html)
    {
        void Line(string line) => output.Write(Encoding.UTF8.GetBytes(line + "\r\n"));
        Line("Return-Path: <bounces@sender.example>");
        Line("Received: from mail.sender.example (mail.sender.example [192.0.2.10]) by inbound-smtp.eu-west-1.amazonaws.com");
        Line("From: \"Ann Example\" <ann@sender.example>");
        Line("To: \"Invoices\" <_app1+order-42@example.com>");
        Line("Cc: _app2@example.com");
        Line("Subject: =?UTF-8?B?UmVjaG51bmcgTcOkcnogMjAyNCDwn5OE?=");
        Line("Date: Fri, 01 Mar 2024 10:15:00 +0100");
        Line("Message-ID: <bench-0001@sender.example>");
        Line("MIME-Version: 1.0");
        Line("Content-Type: multipart/mixed; boundary=\"mixed-boundary\"");
        Line("");
        Line("--mixed-boundary");
        Line("Content-Type: multipart/alternative; boundary=\"alt-boundary\"");
        Line("");
        Line("--alt-boundary");
        Line("Content-Type: text/plain; charset=utf-8");
        Line("Content-Transfer-Encoding: 8bit");
        Line("");
        Line(text);
        Line("--alt-boundary");
        Line("Content-Type: text/html; charset=utf-8");
        Line("Content-Transfer-Encoding: 8bit");
        Line("");
        Line(html);
        Line("--alt-boundary--");
        if (attachmentBytes > 0)
        {
            Line("--mixed-boundary");
            Line("Content-Type: application/pdf; name=\"invoice.pdf\"");
            Line("Content-Disposition: attachment; filename=\"invoice.pdf\"");
            Line("Content-Transfer-Encoding: base64");
            Line("");
            WriteBase64Pdf(output, attachmentBytes);
        }
        Line("--mixed-boundary--");
    }

    // Streams base64 in 57-byte groups (76-character lines, RFC 2045 §6.8) so a 30 MB body never sits in memory.
    private static void WriteBase64Pdf(Stream output, long bytes)
    {
        var chunk = new byte[57 * 1024];
        var random = new Random(42);
        var written = 0L;
        var first = true;
        while (written < bytes)
        {
            var take = (int)Math.Min(chunk.Length, bytes - written);
            random.NextBytes(chunk.AsSpan(0, take));
            if (first)
            {
                "%PDF-1.7\n"u8.CopyTo(chunk);
                first = false;
            }
            for (var offset = 0; offset < take; offset += 57)
            {
                var line = Convert.ToBase64String(chunk, offset, Math.Min(57, take - offset));
                output.Write(Encoding.ASCII.GetBytes(line + "\r\n"));
            }
            written += take;
        }
    }

    private static string Lorem(int length)
    {
        const string words = "Sehr geehrte Damen und Herren, anbei die Rechnung für März. Payment is due within 30 days. Спасибо! ";
        var builder = new StringBuilder(length + words.Length);
        while (builder.Length < length)
        {
            builder.Append(words);
        }
        return builder.ToString(0, length);
    }
}
