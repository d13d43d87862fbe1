using System.Text.Json;
using MimeKit;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>One mail as the SMTP sink received it: its envelope (the sidecar JSON) and its bytes.</summary>
public sealed record SinkMail(string Id, string MailFrom, IReadOnlyList<string> RcptTos, bool SmtpUtf8, string Peer, string? AuthLogin, byte[] Raw)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Raw);

    public MimeMessage Parse() => MimeMessage.Load(new MemoryStream(Raw));

    public static SinkMail Read(string sidecar)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(sidecar));
        var root = json.RootElement;
        return new SinkMail(
            root.GetProperty("id").GetString()!,
            root.GetProperty("mail_from").GetString()!,
            [.. root.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()!)],
            root.GetProperty("smtp_utf8").GetBoolean(),
            root.GetProperty("peer").GetString()!,
            root.GetProperty("auth_login").GetString(),
            File.ReadAllBytes(Path.ChangeExtension(sidecar, ".eml")));
    }
}
