using System.Text;

namespace Mailflow.Local.Tests.Smtp;

/// <summary>Exact replies over raw TCP: the extensions, every error code, pipelining, the DATA transparency rules.</summary>
public sealed class SmtpProtocolTests
{
    [Fact]
    public async Task Greeting_and_EHLO_advertise_pipelining_8bitmime_smtputf8_size_and_enhanced_status_codes()
    {
        await using var smtp = await RunningListener.StartAsync(maxMessageBytes: 12_345);
        await using var client = await smtp.ConnectAsync();

        var ehlo = await client.CommandAsync("EHLO client.example");

        Assert.StartsWith("220 mx.test ", client.Greeting, StringComparison.Ordinal);
        Assert.Equal(
            ["250-mx.test", "250-PIPELINING", "250-8BITMIME", "250-SMTPUTF8", "250-SIZE 12345", "250 ENHANCEDSTATUSCODES"],
            ehlo.Split('\n'));
    }

    [Fact]
    public async Task HELO_NOOP_VRFY_and_QUIT_get_their_replies_and_QUIT_closes()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();

        Assert.Equal("250 mx.test", await client.CommandAsync("HELO client.example"));
        Assert.StartsWith("250 2.0.0", await client.CommandAsync("NOOP"), StringComparison.Ordinal);
        Assert.StartsWith("252 2.5.0", await client.CommandAsync("VRFY someone"), StringComparison.Ordinal);
        Assert.StartsWith("221 2.0.0", await client.CommandAsync("QUIT"), StringComparison.Ordinal);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Theory]
    [InlineData("HELP")]
    [InlineData("STARTTLS")]
    [InlineData("GET / HTTP/1.1")]
    [InlineData("")]
    public async Task Unknown_command_is_answered_500_5_5_2(string line)
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();

        Assert.StartsWith("500 5.5.2", await client.CommandAsync(line), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("EHLO client.example"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MAIL FROM:a@shop.example")]
    [InlineData("MAIL FROM:<a@shop.example")]
    [InlineData("MAIL TO:<a@shop.example>")]
    [InlineData("MAIL FROM:<a@shop.example>SIZE=10")]
    [InlineData("MAIL FROM:<a@shop.example> SIZE=ten")]
    [InlineData("MAIL FROM:<a@shop.example> SIZE=10 SIZE=10")]
    [InlineData("MAIL FROM:<a@shop.example> BODY=BINARYMIME")]
    [InlineData("MAIL FROM:<a@shop.example> SMTPUTF8=yes")]
    [InlineData("MAIL")]
    public async Task Syntax_errors_in_MAIL_parameters_are_answered_501_5_5_4(string line)
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");

        Assert.StartsWith("501 5.5.4", await client.CommandAsync(line), StringComparison.Ordinal);
        Assert.Empty(smtp.Receiver.Senders);
    }

    [Theory]
    [InlineData("RCPT TO:b@acme.example")]
    [InlineData("RCPT FROM:<b@acme.example>")]
    [InlineData("EHLO")]
    [InlineData("HELO")]
    [InlineData("VRFY")]
    [InlineData("RSET now")]
    [InlineData("DATA now")]
    public async Task Syntax_errors_in_other_commands_are_answered_501_5_5_4(string line)
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");
        await client.CommandAsync("MAIL FROM:<a@shop.example>");

        Assert.StartsWith("501 5.5.4", await client.CommandAsync(line), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<b@@acme.example>")]
    [InlineData("<no-at-sign>")]
    [InlineData("<b@-acme.example>")]
    [InlineData("<b..c@acme.example>")]
    [InlineData("<.b@acme.example>")]
    [InlineData("<b@acme..example>")]
    [InlineData("<b c@acme.example>")]
    [InlineData("<>")]
    [InlineData("<b@[300.1.1.1]>")]
    public async Task Bad_recipient_address_is_answered_501_5_1_3(string path)
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");
        await client.CommandAsync("MAIL FROM:<a@shop.example>");

        Assert.StartsWith("501 5.1.3", await client.CommandAsync($"RCPT TO:{path}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_sender_address_is_answered_501_5_1_7()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");

        // RFC 3463 X.1.7 is the sender's counterpart of X.1.3.
        Assert.StartsWith("501 5.1.7", await client.CommandAsync("MAIL FROM:<a@@shop.example>"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<\"john doe\"@acme.example>", "\"john doe\"@acme.example")]
    [InlineData("<b@[192.0.2.1]>", "b@[192.0.2.1]")]
    [InlineData("<b@[IPv6:2001:db8::1]>", "b@[IPv6:2001:db8::1]")]
    [InlineData("<@relay.example:b@acme.example>", "b@acme.example")]
    [InlineData("<Postmaster>", "Postmaster")]
    [InlineData(" <b+tag@acme.example>", "b+tag@acme.example")]
    public async Task Valid_but_unusual_recipient_paths_are_accepted(string path, string expected)
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");
        await client.CommandAsync("MAIL FROM:<a@shop.example>");
        Assert.StartsWith("250 2.1.5", await client.CommandAsync($"RCPT TO:{path}"), StringComparison.Ordinal);
        Assert.StartsWith("354", await client.CommandAsync("DATA"), StringComparison.Ordinal);
        await client.SendAsync("Subject: y\r\n\r\ny\r\n.\r\n");
        Assert.StartsWith("250", await client.ReadReplyAsync(), StringComparison.Ordinal);

        Assert.Equal([expected], Assert.Single(smtp.Receiver.Mails).Recipients);
    }

    [Fact]
    public async Task Null_reverse_path_of_a_bounce_reaches_the_receiver_as_empty()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();

        await client.BeginMailAsync("", "b@acme.example");
        await client.SendAsync("Subject: bounce\r\n\r\nx\r\n.\r\n");

        Assert.StartsWith("250", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.Equal("", Assert.Single(smtp.Receiver.Mails).ReversePath);
    }

    [Fact]
    public async Task Unknown_MAIL_or_RCPT_parameter_is_answered_555_5_5_4()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");

        Assert.StartsWith("555 5.5.4", await client.CommandAsync("MAIL FROM:<a@shop.example> RET=HDRS"), StringComparison.Ordinal);
        await client.CommandAsync("MAIL FROM:<a@shop.example>");
        Assert.StartsWith("555 5.5.4", await client.CommandAsync("RCPT TO:<b@acme.example> NOTIFY=NEVER"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_ASCII_addresses_without_SMTPUTF8_are_refused_with_553_5_6_7()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");

        Assert.StartsWith("553 5.6.7", await client.CommandAsync("MAIL FROM:<søren@shop.example>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("MAIL FROM:<a@shop.example>"), StringComparison.Ordinal);
        Assert.StartsWith("553 5.6.7", await client.CommandAsync("RCPT TO:<ünï@acme.example>"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_line_that_is_not_UTF8_is_answered_500_5_5_2()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();

        await client.SendAsync([.. "EHLO "u8, 0xC3, 0x28, .. "\r\n"u8]);

        Assert.StartsWith("500 5.5.2", await client.ReadReplyAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_of_sequence_commands_are_answered_503_5_5_1()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();

        Assert.StartsWith("503 5.5.1", await client.CommandAsync("MAIL FROM:<a@shop.example>"), StringComparison.Ordinal); // before EHLO
        await client.CommandAsync("EHLO client.example");
        Assert.StartsWith("503 5.5.1", await client.CommandAsync("RCPT TO:<b@acme.example>"), StringComparison.Ordinal); // RCPT before MAIL
        Assert.StartsWith("503 5.5.1", await client.CommandAsync("DATA"), StringComparison.Ordinal); // DATA before MAIL
        Assert.StartsWith("250", await client.CommandAsync("MAIL FROM:<a@shop.example>"), StringComparison.Ordinal);
        Assert.StartsWith("503 5.5.1", await client.CommandAsync("MAIL FROM:<a@shop.example>"), StringComparison.Ordinal); // MAIL twice
        Assert.StartsWith("503 5.5.1", await client.CommandAsync("DATA"), StringComparison.Ordinal); // DATA without RCPT
        Assert.StartsWith("550 5.1.1", await client.CommandAsync("RCPT TO:<unknown@acme.example>"), StringComparison.Ordinal);
        Assert.StartsWith("503 5.5.1", await client.CommandAsync("DATA"), StringComparison.Ordinal); // every RCPT refused
        Assert.Empty(smtp.Receiver.Mails);
    }

    [Fact]
    public async Task Recipient_refused_by_the_receiver_gets_its_reply_and_the_others_get_the_mail()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");
        await client.CommandAsync("MAIL FROM:<a@shop.example>");

        Assert.StartsWith("550 5.1.1", await client.CommandAsync("RCPT TO:<unknown@acme.example>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("RCPT TO:<b@acme.example>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await client.CommandAsync("DATA"), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("Subject: x\r\n\r\nx\r\n."), StringComparison.Ordinal);

        Assert.Equal(["b@acme.example"], Assert.Single(smtp.Receiver.Mails).Recipients);
    }

    [Fact]
    public async Task Recipients_beyond_MaxRecipients_are_answered_452_4_5_3()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");
        await client.CommandAsync("MAIL FROM:<a@shop.example>");

        await client.SendAsync(string.Concat(Enumerable.Range(1, 102).Select(i => $"RCPT TO:<r{i}@acme.example>\r\n")) + "DATA\r\n");
        var replies = await client.ReadRepliesAsync(103);
        await client.SendAsync("Subject: many\r\n\r\nx\r\n.\r\n");

        Assert.All(replies.Take(100), reply => Assert.StartsWith("250 2.1.5", reply, StringComparison.Ordinal));
        Assert.All(replies.Skip(100).Take(2), reply => Assert.StartsWith("452 4.5.3", reply, StringComparison.Ordinal));
        Assert.StartsWith("354", replies[102], StringComparison.Ordinal);
        Assert.StartsWith("250", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.Equal(100, Assert.Single(smtp.Receiver.Mails).Recipients.Count);
    }

    [Fact]
    public async Task Declared_SIZE_over_the_limit_is_refused_with_552_5_3_4_at_MAIL_FROM()
    {
        await using var smtp = await RunningListener.StartAsync(maxMessageBytes: 10_000);
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");

        Assert.StartsWith("552 5.3.4", await client.CommandAsync("MAIL FROM:<a@shop.example> SIZE=10001"), StringComparison.Ordinal);
        Assert.StartsWith("552 5.3.4", await client.CommandAsync("MAIL FROM:<a@shop.example> SIZE=99999999999999999999"), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("MAIL FROM:<a@shop.example> SIZE=10000 BODY=8BITMIME"), StringComparison.Ordinal);
        Assert.Equal(10_000, Assert.Single(smtp.Receiver.Senders).DeclaredSize);
    }

    [Fact]
    public async Task Mail_over_the_size_limit_is_refused_with_552_after_DATA()
    {
        await using var smtp = await RunningListener.StartAsync(maxMessageBytes: 10_000);
        await using var client = await smtp.ConnectAsync();
        await client.BeginMailAsync("a@shop.example", "b@acme.example");

        await client.SendAsync("Subject: big\r\n\r\n" + string.Concat(Enumerable.Repeat(new string('x', 98) + "\r\n", 200)) + ".\r\n");

        Assert.StartsWith("552 5.3.4", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.Empty(smtp.Receiver.Mails);
        Assert.StartsWith("250", await client.CommandAsync("NOOP"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_of_exactly_the_size_limit_is_accepted()
    {
        const string Headers = "Subject: exact\r\n\r\n";
        await using var smtp = await RunningListener.StartAsync(maxMessageBytes: Headers.Length + 100 * 100);
        await using var client = await smtp.ConnectAsync();
        await client.BeginMailAsync("a@shop.example", "b@acme.example");

        await client.SendAsync(Headers + string.Concat(Enumerable.Repeat(new string('x', 98) + "\r\n", 100)) + ".\r\n");

        Assert.StartsWith("250", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.Equal(Headers.Length + 100 * 100, Assert.Single(smtp.Receiver.Mails).Content.Length);
    }

    [Fact]
    public async Task Command_line_over_512_octets_is_answered_500_5_5_6_and_the_session_goes_on()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");

        Assert.StartsWith("500 5.5.6", await client.CommandAsync("NOOP " + new string('x', 600)), StringComparison.Ordinal);
        Assert.StartsWith("500 5.5.6", await client.CommandAsync("NOOP " + new string('x', 506)), StringComparison.Ordinal); // 513 octets with CRLF
        Assert.StartsWith("250", await client.CommandAsync("NOOP " + new string('x', 505)), StringComparison.Ordinal); // exactly 512
        Assert.StartsWith("250", await client.CommandAsync("MAIL FROM:<a@shop.example>"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_line_over_1000_octets_is_refused_with_500_5_5_6_after_DATA()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.BeginMailAsync("a@shop.example", "b@acme.example");

        await client.SendAsync("Subject: long\r\n\r\n" + new string('x', 999) + "\r\nafter\r\n.\r\n");

        Assert.StartsWith("500 5.5.6", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.Empty(smtp.Receiver.Mails);
        Assert.StartsWith("250", await client.CommandAsync("NOOP"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_line_of_exactly_1000_octets_is_accepted()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.BeginMailAsync("a@shop.example", "b@acme.example");

        await client.SendAsync("Subject: long\r\n\r\n" + new string('x', 998) + "\r\n.\r\n");

        Assert.StartsWith("250", await client.ReadReplyAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipelined_MAIL_RCPT_RCPT_DATA_in_one_write_get_their_replies_in_order()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");

        await client.SendAsync("MAIL FROM:<a@shop.example> SIZE=40\r\nRCPT TO:<b@acme.example>\r\nRCPT TO:<unknown@acme.example>\r\nRCPT TO:<c@acme.example>\r\nDATA\r\n");
        var replies = await client.ReadRepliesAsync(5);
        await client.SendAsync("Subject: pipelined\r\n\r\nhello\r\n.\r\nQUIT\r\n");
        var afterData = await client.ReadRepliesAsync(2);

        Assert.Collection(replies,
            reply => Assert.StartsWith("250 2.1.0", reply, StringComparison.Ordinal),
            reply => Assert.StartsWith("250 2.1.5", reply, StringComparison.Ordinal),
            reply => Assert.StartsWith("550 5.1.1", reply, StringComparison.Ordinal),
            reply => Assert.StartsWith("250 2.1.5", reply, StringComparison.Ordinal),
            reply => Assert.StartsWith("354 ", reply, StringComparison.Ordinal));
        Assert.StartsWith("250 2.0.0", afterData[0], StringComparison.Ordinal);
        Assert.StartsWith("221 2.0.0", afterData[1], StringComparison.Ordinal);
        var mail = Assert.Single(smtp.Receiver.Mails);
        Assert.Equal(["b@acme.example", "c@acme.example"], mail.Recipients);
        Assert.Equal("Subject: pipelined\r\n\r\nhello\r\n", mail.Text);
    }

    [Fact]
    public async Task Leading_dots_are_unstuffed_and_bare_LF_line_ends_become_CRLF()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.BeginMailAsync("a@shop.example", "b@acme.example");

        await client.SendAsync("Subject: dots\r\n\r\n..leading\r\n...two\r\nbare\nlf\n.x\r\n.\r\n");

        Assert.StartsWith("250", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.Equal("Subject: dots\r\n\r\n.leading\r\n..two\r\nbare\r\nlf\r\nx\r\n", Assert.Single(smtp.Receiver.Mails).Text);
    }

    [Fact]
    public async Task A_dot_line_next_to_a_bare_LF_does_not_end_the_data()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.BeginMailAsync("a@shop.example", "b@acme.example");

        // SMTP smuggling: a server taking LF "." LF (or LF "." CRLF) as the end would read the rest as new commands.
        await client.SendAsync("Subject: smuggle\r\n\r\nbody\n.\nMAIL FROM:<evil@shop.example>\r\nx\n.\r\nend\r\n.\r\n");

        Assert.StartsWith("250", await client.ReadReplyAsync(), StringComparison.Ordinal);
        var mail = Assert.Single(smtp.Receiver.Mails);
        Assert.Equal("Subject: smuggle\r\n\r\nbody\r\n.\r\nMAIL FROM:<evil@shop.example>\r\nx\r\n.\r\nend\r\n", mail.Text);
        Assert.Single(smtp.Receiver.Senders);
    }

    [Fact]
    public async Task RSET_clears_the_transaction()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");
        await client.CommandAsync("MAIL FROM:<first@shop.example>");
        await client.CommandAsync("RCPT TO:<dropped@acme.example>");

        Assert.StartsWith("250 2.0.0", await client.CommandAsync("RSET"), StringComparison.Ordinal);
        Assert.StartsWith("503 5.5.1", await client.CommandAsync("DATA"), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("MAIL FROM:<second@shop.example>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("RCPT TO:<kept@acme.example>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await client.CommandAsync("DATA"), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("Subject: x\r\n\r\nx\r\n."), StringComparison.Ordinal);

        var mail = Assert.Single(smtp.Receiver.Mails);
        Assert.Equal("second@shop.example", mail.ReversePath);
        Assert.Equal(["kept@acme.example"], mail.Recipients);
    }

    [Fact]
    public async Task Several_mails_in_one_session_are_delivered_separately()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();

        await client.BeginMailAsync("a@shop.example", "b@acme.example");
        Assert.StartsWith("250", await client.CommandAsync("Subject: one\r\n\r\n1\r\n."), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("MAIL FROM:<c@shop.example>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("RCPT TO:<d@acme.example>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await client.CommandAsync("DATA"), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.CommandAsync("Subject: two\r\n\r\n2\r\n."), StringComparison.Ordinal);

        Assert.Equal(["Subject: one\r\n\r\n1\r\n", "Subject: two\r\n\r\n2\r\n"], smtp.Receiver.Mails.Select(m => m.Text));
        Assert.Equal(["b@acme.example", "d@acme.example"], smtp.Receiver.Mails.Select(m => Assert.Single(m.Recipients)));
    }

    [Fact]
    public async Task The_receiver_gets_a_seekable_spool_at_position_zero_and_nothing_is_left_after_the_call()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.BeginMailAsync("a@shop.example", "b@acme.example");

        Assert.StartsWith("250", await client.CommandAsync("Subject: spool\r\n\r\nx\r\n."), StringComparison.Ordinal);

        var mail = Assert.Single(smtp.Receiver.Mails);
        Assert.True(mail.WasSeekable);
        Assert.Equal(0, mail.StartPosition);
        Assert.Null(mail.SpoolPath); // a small mail never touches the disk before the receiver stores it
        Assert.Empty(Directory.GetFiles(smtp.SpoolDirectory));
    }

    [Fact]
    public async Task Eight_bit_body_bytes_pass_through_unchanged()
    {
        await using var smtp = await RunningListener.StartAsync();
        await using var client = await smtp.ConnectAsync();
        await client.CommandAsync("EHLO client.example");
        await client.CommandAsync("MAIL FROM:<a@shop.example> BODY=8BITMIME");
        await client.CommandAsync("RCPT TO:<b@acme.example>");
        await client.CommandAsync("DATA");
        byte[] body = [.. "Subject: bytes\r\n\r\n"u8, 0xE9, 0xFF, 0x80, 0x00, (byte)'\r', (byte)'\n'];

        await client.SendAsync([.. body, .. ".\r\n"u8]);

        Assert.StartsWith("250", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.Equal(body, Assert.Single(smtp.Receiver.Mails).Content);
    }

    [Fact]
    public async Task Several_megabytes_of_varied_lines_arrive_byte_for_byte()
    {
        await using var smtp = await RunningListener.StartAsync(maxMessageBytes: 16 * 1024 * 1024);
        await using var client = await smtp.ConnectAsync();
        await client.BeginMailAsync("a@shop.example", "b@acme.example");
        var random = new Random(5321);
        var expected = new StringBuilder("Subject: big\r\n\r\n");
        var wire = new StringBuilder(expected.ToString());
        while (expected.Length < 8 * 1024 * 1024)
        {
            var line = (random.Next(10) == 0 ? "." : "") + new string((char)('a' + random.Next(26)), random.Next(0, 997));
            expected.Append(line).Append("\r\n");
            wire.Append(line.StartsWith('.') ? "." + line : line).Append("\r\n");
        }

        await client.SendAsync(wire.Append(".\r\n").ToString());

        Assert.StartsWith("250", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.Equal(expected.ToString(), Assert.Single(smtp.Receiver.Mails).Text);
    }
}
