using System.Globalization;
using System.Text;

namespace Mailflow.Local.Tests.Smtp;

/// <summary>Real SMTP clients against a real listener: Debian swaks and Python's smtplib.</summary>
public sealed class SmtpClientInteropTests
{
    private static string Port(RunningListener smtp) => smtp.Port.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Swaks_delivers_a_mail_in_a_full_pipelined_session()
    {
        await using var smtp = await RunningListener.StartAsync();

        var result = await ExternalTool.SwaksAsync(
            "--server", "127.0.0.1", "--port", Port(smtp), "--helo", "client.example", "--pipeline", "--timeout", "10",
            "--from", "billing@shop.example", "--to", "invoices@acme.example,ap@acme.example",
            "--header", "Subject: Invoice 42", "--body", "Please find the invoice.");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("250-PIPELINING", result.Stdout, StringComparison.Ordinal);
        var mail = Assert.Single(smtp.Receiver.Mails);
        Assert.Equal("billing@shop.example", mail.ReversePath);
        Assert.Equal(["invoices@acme.example", "ap@acme.example"], mail.Recipients);
        Assert.Contains("Subject: Invoice 42\r\n", mail.Text, StringComparison.Ordinal);
        Assert.Contains("\r\n\r\nPlease find the invoice.\r\n", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smtplib_delivers_to_several_recipients_and_a_Bcc_only_one_arrives_by_envelope()
    {
        await using var smtp = await RunningListener.StartAsync();
        const string Script = """
            import smtplib, sys
            from email.message import EmailMessage
            msg = EmailMessage()
            msg['From'] = 'billing@shop.example'
            msg['To'] = 'invoices@acme.example, ap@acme.example'
            msg['Bcc'] = 'audit@acme.example'
            msg['Subject'] = 'Invoice 42'
            msg.set_content('Please find the invoice.\n')
            with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10) as s:
                print('refused', s.send_message(msg))
            """;

        var result = await ExternalTool.PythonAsync(Script, Port(smtp));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("refused {}", result.Stdout, StringComparison.Ordinal);
        var mail = Assert.Single(smtp.Receiver.Mails);
        Assert.Equal(["invoices@acme.example", "ap@acme.example", "audit@acme.example"], mail.Recipients);
        Assert.DoesNotContain("audit@", mail.Text, StringComparison.Ordinal);
        // smtplib declares SIZE= from the bytes it sends: the listener's count after unstuffing must agree.
        var sender = Assert.Single(smtp.Receiver.Senders);
        Assert.Equal(mail.Content.Length, sender.DeclaredSize);
    }

    [Fact]
    public async Task Smtplib_declaring_a_SIZE_over_the_limit_is_refused_with_552_at_MAIL_FROM()
    {
        await using var smtp = await RunningListener.StartAsync(maxMessageBytes: 10_000);
        const string Script = """
            import smtplib, sys
            msg = 'From: a@shop.example\r\nTo: b@acme.example\r\nSubject: big\r\n\r\n' + ('x' * 70 + '\r\n') * 300
            with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10) as s:
                try:
                    s.sendmail('a@shop.example', ['b@acme.example'], msg)
                    print('accepted')
                except smtplib.SMTPSenderRefused as e:
                    print(e.smtp_code, e.smtp_error.decode())
            """;

        var result = await ExternalTool.PythonAsync(Script, Port(smtp));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("552 5.3.4", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(smtp.Receiver.Senders);
        Assert.Empty(smtp.Receiver.Mails);
    }

    [Fact]
    public async Task Swaks_mail_over_the_size_limit_is_refused_with_552_after_DATA()
    {
        await using var smtp = await RunningListener.StartAsync(maxMessageBytes: 10_000);
        var body = Path.Combine(Path.GetTempPath(), $"mailflow-big-body-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(body, string.Concat(Enumerable.Repeat(new string('x', 70) + "\n", 300)));
        try
        {
            var result = await ExternalTool.SwaksAsync(
                "--server", "127.0.0.1", "--port", Port(smtp), "--timeout", "10",
                "--from", "a@shop.example", "--to", "b@acme.example", "--body", "@" + body);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("<** 552 5.3.4", result.Stdout, StringComparison.Ordinal);
            Assert.Single(smtp.Receiver.Senders);
            Assert.Empty(smtp.Receiver.Mails);
        }
        finally
        {
            File.Delete(body);
        }
    }

    [Fact]
    public async Task Smtplib_8bit_UTF8_body_and_SMTPUTF8_addresses_arrive_intact()
    {
        await using var smtp = await RunningListener.StartAsync();
        // Python escapes keep the script ASCII; the bytes on the wire are UTF-8.
        const string Script = """
            import smtplib, sys
            sender = 's\u00f8ren@ex\u00e4mple.com'
            rcpt = '\u00fcn\u00ef@acme.example'
            raw = ('From: ' + sender + '\r\nTo: ' + rcpt + '\r\nSubject: Gr\u00fc\u00dfe\r\n'
                   'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
                   'Gr\u00fc\u00dfe, \u0412\u043b\u0430\u0434 \U0001F44B\r\n').encode('utf-8')
            with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10) as s:
                print('refused', s.sendmail(sender, [rcpt], raw, mail_options=['SMTPUTF8', 'BODY=8BITMIME']))
            """;

        var result = await ExternalTool.PythonAsync(Script, Port(smtp));

        Assert.True(result.ExitCode == 0, result.ToString());
        var mail = Assert.Single(smtp.Receiver.Mails);
        Assert.Equal("søren@exämple.com", mail.ReversePath);
        Assert.Equal(["ünï@acme.example"], mail.Recipients);
        var expected = "From: søren@exämple.com\r\nTo: ünï@acme.example\r\nSubject: Grüße\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Grüße, Влад 👋\r\n";
        Assert.Equal(Encoding.UTF8.GetBytes(expected), mail.Content);
    }

    [Fact]
    public async Task Smtplib_lines_starting_with_a_dot_arrive_intact()
    {
        await using var smtp = await RunningListener.StartAsync();
        const string Script = """
            import smtplib, sys
            msg = b'Subject: dots\r\n\r\nfirst\r\n.leading dot\r\n..two dots\r\n.\r\nlast\r\n'
            with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=10) as s:
                print('refused', s.sendmail('a@shop.example', ['b@acme.example'], msg))
            """;

        var result = await ExternalTool.PythonAsync(Script, Port(smtp));

        Assert.True(result.ExitCode == 0, result.ToString());
        var mail = Assert.Single(smtp.Receiver.Mails);
        Assert.Equal("Subject: dots\r\n\r\nfirst\r\n.leading dot\r\n..two dots\r\n.\r\nlast\r\n", mail.Text);
    }
}
