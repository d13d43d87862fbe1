using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Amazon.SQS;
using MimeKit;

using Mailflow.Testing.Processes;

namespace Mailflow.EndToEnd.Tests;

/// <summary>
/// Outbound mail through a real <c>mailflow run --relay</c>: apps put envelopes on the outbound queue with AWSSDK.SQS,
/// Mailflow sends to a real SMTP server (Debian's aiosmtpd), and the tests read what that server received.
/// </summary>
public sealed class OutboundTests
{
    private const string Outbound = "mailflow-local-outbound";
    private const string OutboundDlq = "mailflow-local-outbound-dlq";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_envelope_sent_with_AWSSDK_SQS_arrives_at_the_relay_as_the_mail_it_describes_and_a_repeat_of_its_key_sends_nothing()
    {
        await using var relay = await SmtpServerProcess.StartMaildirAsync();
        await using var mailflow = await MailflowProcess.StartAsync(extraArgs: ["--relay", relay.Relay]);
        using var sqs = mailflow.SqsClient();
        var pdf = RandomNumberGenerator.GetBytes(3000);
        var envelope = Envelope("order-42-confirmation", subject: "Commande n° 42 confirmée ✓");
        envelope["cc"] = new JsonArray(Address("accounts@customer.test"));
        envelope["bcc"] = new JsonArray(Address("archive@audit.test"));
        envelope["html"] = "<p>Your order <b>42</b> is confirmed.</p>";
        envelope["attachments"] = new JsonArray(new JsonObject { ["filename"] = "order-42.pdf", ["contentType"] = "application/pdf", ["content"] = Convert.ToBase64String(pdf) });

        await sqs.SendMessageAsync(mailflow.QueueUrl(Outbound), envelope.ToJsonString());

        var mail = Assert.Single(await relay.WaitForAsync(1, s_wait));
        Assert.Equal("Invoices", mail.From.Mailboxes.Single().Name);
        Assert.Equal("_app1@example.com", mail.From.Mailboxes.Single().Address);
        Assert.Equal(["ann@customer.test"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal(["accounts@customer.test"], mail.Cc.Mailboxes.Select(m => m.Address));
        Assert.Empty(mail.Bcc);
        Assert.Null(mail.Headers[HeaderId.Bcc]);
        Assert.Equal("Commande n° 42 confirmée ✓", mail.Subject);
        Assert.Contains("Your order 42 is confirmed.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<b>42</b>", mail.HtmlBody, StringComparison.Ordinal);
        var attachment = Assert.IsType<MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal("order-42.pdf", attachment.FileName);
        using (var decoded = new MemoryStream())
        {
            await attachment.Content!.DecodeToAsync(decoded);
            Assert.Equal(pdf, decoded.ToArray());
        }
        Assert.Equal("1", mail.Headers["X-Mailflow-Hops"]);

        envelope["subject"] = "The same key again";
        await sqs.SendMessageAsync(mailflow.QueueUrl(Outbound), envelope.ToJsonString());
        await WaitUntilEmptyAsync(sqs, mailflow.QueueUrl(Outbound));
        Assert.Single(relay.Messages());
        Assert.Equal(0, await CountAsync(sqs, mailflow.QueueUrl(OutboundDlq)));
    }

    [Fact]
    public async Task Header_injection_and_a_foreign_from_land_in_the_outbound_DLQ_with_their_reasons_and_nothing_is_sent()
    {
        await using var relay = await SmtpServerProcess.StartMaildirAsync();
        await using var mailflow = await MailflowProcess.StartAsync(extraArgs: ["--relay", relay.Relay]);
        using var sqs = mailflow.SqsClient();
        var injected = Envelope("injected", subject: "Hello\r\nBcc: victim@elsewhere.test");
        var foreign = Envelope("foreign");
        foreign["from"] = Address("_app2@example.com");

        await sqs.SendMessageAsync(mailflow.QueueUrl(Outbound), injected.ToJsonString());
        await sqs.SendMessageAsync(mailflow.QueueUrl(Outbound), foreign.ToJsonString());

        var dead = await QueueReader.ReceiveAsync(sqs, mailflow.QueueUrl(OutboundDlq), 2, s_wait);
        var reasons = dead.ToDictionary(d => d.Envelope.GetProperty("idempotencyKey").GetString()!, d => d.Message.MessageAttributes);
        Assert.Equal("header-injection", reasons["injected"]["mailflow-reason-code"].StringValue);
        Assert.Equal("foreign-sender", reasons["foreign"]["mailflow-reason-code"].StringValue);
        Assert.All(reasons.Values, attributes => Assert.Equal("permanent", attributes["mailflow-failure-class"].StringValue));
        Assert.Empty(relay.Messages());
    }

    [Fact]
    public async Task A_reply_threads_to_the_inbound_mail_and_the_answer_to_it_carries_the_thread_id_of_the_first_mail()
    {
        await using var relay = await SmtpServerProcess.StartMaildirAsync();
        await using var mailflow = await MailflowProcess.StartAsync(extraArgs: ["--relay", relay.Relay]);
        using var sqs = mailflow.SqsClient();
        await ExternalTool.SwaksAsync(mailflow.SmtpPort, "--from", "ann@customer.test", "--to", "_app1@example.com",
            "--header", "Subject: Where is my order?", "--header", "Message-Id: <question-1@Customer.TEST>");
        var (_, first) = await QueueReader.ReceiveOneAsync(sqs, mailflow.QueueUrl("mailflow-local-app1"), s_wait);
        var firstMailId = first.GetProperty("sesMessageId").GetString();
        Assert.Equal(firstMailId, first.GetProperty("threadId").GetString());

        var reply = Envelope("reply-to-question-1", subject: "Re: Where is my order?");
        reply["inReplyTo"] = first.GetProperty("id").GetString();
        await sqs.SendMessageAsync(mailflow.QueueUrl(Outbound), reply.ToJsonString());
        var sent = Assert.Single(await relay.WaitForAsync(1, s_wait));
        Assert.Equal("question-1@Customer.TEST", sent.InReplyTo, ignoreCase: true);
        Assert.Contains(sent.References, r => string.Equals(r, "question-1@customer.test", StringComparison.OrdinalIgnoreCase));

        // The customer's answer quotes the sent Message-ID with its domain in another case, as some clients do.
        var sentId = sent.MessageId!;
        var at = sentId.IndexOf('@', StringComparison.Ordinal);
        var quoted = sentId[..(at + 1)] + sentId[(at + 1)..].ToUpperInvariant();
        await ExternalTool.SwaksAsync(mailflow.SmtpPort, "--from", "ann@customer.test", "--to", "_app1@example.com",
            "--header", "Subject: Re: Re: Where is my order?", "--header", $"In-Reply-To: <{quoted}>",
            "--header", $"References: <question-1@customer.test> <{quoted}>");
        var (_, answer) = await QueueReader.ReceiveOneAsync(sqs, mailflow.QueueUrl("mailflow-local-app1"), s_wait);
        Assert.Equal(firstMailId, answer.GetProperty("threadId").GetString());
    }

    [Fact]
    public async Task A_relay_that_answers_451_first_gets_the_mail_once_later()
    {
        await using var relay = await SmtpServerProcess.StartSinkAsync("--fail-first", "1", "--fail-code", "451");
        await using var mailflow = await MailflowProcess.StartAsync(extraArgs: ["--relay", relay.Relay]);
        using var sqs = mailflow.SqsClient();

        await sqs.SendMessageAsync(mailflow.QueueUrl(Outbound), Envelope("deferred-once").ToJsonString());

        Assert.Single(await relay.WaitForAsync(1, s_wait));
        await WaitUntilEmptyAsync(sqs, mailflow.QueueUrl(Outbound));
        Assert.Single(relay.Messages());
        Assert.Equal(0, await CountAsync(sqs, mailflow.QueueUrl(OutboundDlq)));
    }

    [Fact]
    public async Task A_relay_that_answers_550_sends_the_envelope_to_the_DLQ_without_a_retry()
    {
        await using var relay = await SmtpServerProcess.StartSinkAsync("--reject-code", "550");
        await using var mailflow = await MailflowProcess.StartAsync(extraArgs: ["--relay", relay.Relay]);
        using var sqs = mailflow.SqsClient();

        await sqs.SendMessageAsync(mailflow.QueueUrl(Outbound), Envelope("refused").ToJsonString());

        var (message, _) = await QueueReader.ReceiveOneAsync(sqs, mailflow.QueueUrl(OutboundDlq), s_wait);
        Assert.Equal("relay-rejected", message.MessageAttributes["mailflow-reason-code"].StringValue);
        Assert.Equal("permanent", message.MessageAttributes["mailflow-failure-class"].StringValue);
        Assert.Equal("1", message.MessageAttributes["mailflow-receive-count"].StringValue);
        Assert.Empty(relay.Messages());
    }

    [Fact]
    public async Task Without_a_relay_mailflow_run_captures_outbound_mail_in_the_outbox()
    {
        await using var mailflow = await MailflowProcess.StartAsync();
        using var sqs = mailflow.SqsClient();

        await sqs.SendMessageAsync(mailflow.QueueUrl(Outbound), Envelope("captured", subject: "Kept locally").ToJsonString());

        var outbox = Path.Combine(mailflow.DataDir, "outbox");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_wait && (!Directory.Exists(outbox) || Directory.GetFiles(outbox, "*.eml").Length == 0))
        {
            await Task.Delay(100);
        }
        var file = Assert.Single(Directory.GetFiles(outbox, "*.eml"));
        await using var stream = File.OpenRead(file);
        var mail = await MimeMessage.LoadAsync(stream);
        Assert.Equal("Kept locally", mail.Subject);
        Assert.Contains(mailflow.Output, line => line.Contains("captured to", StringComparison.Ordinal));
    }

    private static JsonObject Envelope(string idempotencyKey, string subject = "Your order") => new()
    {
        ["schema"] = "mailflow.outbound.v1",
        ["app"] = "app1",
        ["idempotencyKey"] = idempotencyKey,
        ["from"] = new JsonObject { ["address"] = "_app1@example.com", ["name"] = "Invoices" },
        ["to"] = new JsonArray(Address("ann@customer.test")),
        ["subject"] = subject,
        ["text"] = "Your order 42 is confirmed.",
    };

    private static JsonObject Address(string address) => new() { ["address"] = address };

    private static async Task<int> CountAsync(AmazonSQSClient sqs, string queueUrl)
    {
        var attributes = await sqs.GetQueueAttributesAsync(queueUrl,
            ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"]);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible + attributes.ApproximateNumberOfMessagesDelayed;
    }

    /// <summary>Every envelope put on the queue has been handled: sent, acknowledged as a duplicate, or dead-lettered.</summary>
    private static async Task WaitUntilEmptyAsync(AmazonSQSClient sqs, string queueUrl)
    {
        var clock = Stopwatch.StartNew();
        while (await CountAsync(sqs, queueUrl) > 0)
        {
            Assert.True(clock.Elapsed < s_wait, $"{queueUrl} still holds messages after {s_wait}.");
            await Task.Delay(100);
        }
    }
}
