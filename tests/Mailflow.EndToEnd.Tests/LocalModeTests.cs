using System.Text.Json;
using Amazon.SQS.Model;

using Mailflow.Testing.Processes;

namespace Mailflow.EndToEnd.Tests;

/// <summary>One <c>mailflow run</c> per test class; every test talks to it only through SMTP, SQS and HTTP.</summary>
public sealed class LocalModeTests : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);
    private MailflowProcess _mailflow = null!;

    public async Task InitializeAsync() => _mailflow = await MailflowProcess.StartAsync();

    public async Task DisposeAsync() => await _mailflow.DisposeAsync();

    [Fact]
    public async Task Mail_sent_with_swaks_reaches_the_app_queue_and_AWSSDK_SQS_receives_the_envelope()
    {
        var swaks = await ExternalTool.SwaksAsync(_mailflow.SmtpPort, "--from", "ann@sender.example", "--to", "_app1+order-42@example.com",
            "--header", "Subject: Invoice 42", "--body", "Please find the invoice.");

        Assert.Equal(0, swaks.ExitCode);
        using var sqs = _mailflow.SqsClient();
        var (message, envelope) = await QueueReader.ReceiveOneAsync(sqs, _mailflow.QueueUrl("mailflow-local-app1"), s_wait);
        Assert.Equal("mailflow.inbound.v1", envelope.GetProperty("schema").GetString());
        Assert.Equal("app1", envelope.GetProperty("app").GetString());
        Assert.Equal("order-42", envelope.GetProperty("mailboxHash").GetString());
        Assert.Equal("Invoice 42", envelope.GetProperty("subject").GetString());
        Assert.Equal("ann@sender.example", envelope.GetProperty("envelope").GetProperty("mailFrom").GetString());
        Assert.Equal(envelope.GetProperty("id").GetString(), message.MessageAttributes["mailflow-envelope-id"].StringValue);
        Assert.Equal("DISABLED", envelope.GetProperty("verdicts").GetProperty("spam").GetString());
    }

    [Fact]
    public async Task A_Bcc_only_recipient_sent_with_smtplib_is_routed_on_the_envelope()
    {
        var script = $$"""
            import smtplib
            from email.message import EmailMessage
            m = EmailMessage()
            m["From"] = "ann@sender.example"
            m["To"] = "customer@elsewhere.example"
            m["Subject"] = "Bcc copy"
            m.set_content("hello")
            with smtplib.SMTP("127.0.0.1", {{_mailflow.SmtpPort}}, timeout=30) as s:
                refused = s.send_message(m, to_addrs=["_app2@example.com"])
                print("refused", refused)
            """;

        var python = await ExternalTool.RunAsync("/usr/bin/python3", ["-"], script);

        Assert.True(python.ExitCode == 0, python.All);
        using var sqs = _mailflow.SqsClient();
        var (_, envelope) = await QueueReader.ReceiveOneAsync(sqs, _mailflow.QueueUrl("mailflow-local-app2"), s_wait);
        Assert.Equal(["_app2@example.com"], envelope.GetProperty("envelope").GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("customer@elsewhere.example", envelope.GetProperty("to")[0].GetProperty("address").GetString());
    }

    [Fact]
    public async Task The_node_SDK_receives_an_envelope_with_its_attributes()
    {
        await ExternalTool.SwaksAsync(_mailflow.SmtpPort, "--from", "ann@sender.example", "--to", "_app2@example.com", "--header", "Subject: For node");
        var script = Path.Combine(AppContext.BaseDirectory, "js", "receive-envelope.mjs");

        var node = await ExternalTool.RunAsync(ExternalTool.Node, [script, _mailflow.SqsUrl, _mailflow.QueueUrl("mailflow-local-app2")]);

        Assert.True(node.ExitCode == 0, node.All);
        var result = JsonDocument.Parse(node.Stdout).RootElement;
        Assert.Equal("For node", result.GetProperty("subject").GetString());
        Assert.Equal("mailflow.inbound.v1", result.GetProperty("schemaAttribute").GetString());
    }

    [Theory]
    [InlineData("someone@not-configured.example", "550 5.1.1")]
    [InlineData("_app1@example.org", "550 5.1.1")]
    public async Task Recipients_outside_the_configured_domains_get_550_5_1_1(string recipient, string expected)
    {
        var swaks = await ExternalTool.SwaksAsync(_mailflow.SmtpPort, "--from", "ann@sender.example", "--to", recipient);

        Assert.NotEqual(0, swaks.ExitCode);
        Assert.Contains(expected, swaks.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_to_an_unknown_app_is_accepted_and_quarantined_with_its_reason()
    {
        await ExternalTool.SwaksAsync(_mailflow.SmtpPort, "--from", "ann@sender.example", "--to", "_nosuchapp@example.com");

        using var sqs = _mailflow.SqsClient();
        var (message, envelope) = await QueueReader.ReceiveOneAsync(sqs, _mailflow.QueueUrl("mailflow-local-quarantine"), s_wait);
        Assert.Equal("unroutable", envelope.GetProperty("quarantine").GetProperty("reasonCode").GetString());
        Assert.Equal("unroutable", message.MessageAttributes["mailflow-reason-code"].StringValue);
    }

    [Fact]
    public async Task Paused_inbound_answers_451_4_3_2_and_resumed_inbound_accepts_again()
    {
        await Cli("inbound", "pause");
        var paused = await ExternalTool.SwaksAsync(_mailflow.SmtpPort, "--from", "ann@sender.example", "--to", "_app1@example.com");
        await Cli("inbound", "resume");
        var resumed = await ExternalTool.SwaksAsync(_mailflow.SmtpPort, "--from", "ann@sender.example", "--to", "_app1@example.com");

        Assert.Contains("451 4.3.2", paused.All, StringComparison.Ordinal);
        Assert.Equal(0, resumed.ExitCode);
    }

    [Fact]
    public async Task Disabled_inbound_answers_550_5_7_1_and_health_says_so()
    {
        await Cli("inbound", "disable");
        var disabled = await ExternalTool.SwaksAsync(_mailflow.SmtpPort, "--from", "ann@sender.example", "--to", "_app1@example.com");
        using var http = new HttpClient();
        var health = JsonDocument.Parse(await http.GetStringAsync($"{_mailflow.HttpUrl}/api/health")).RootElement;
        await Cli("inbound", "enable");

        Assert.Contains("550 5.7.1", disabled.All, StringComparison.Ordinal);
        Assert.Equal("disabled", health.GetProperty("inbound").GetProperty("state").GetString());
        Assert.Equal("degraded", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_API_lists_every_queue_with_its_depth_for_a_viewer()
    {
        var view = await _mailflow.ApiGetAsync("/api/queues", "viewer");

        var queues = view.GetProperty("queues").EnumerateArray().ToList();
        var names = queues.Select(q => q.GetProperty("name").GetString()).ToList();
        Assert.Contains("mailflow-local-inbound", names);
        Assert.Contains("mailflow-local-inbound-dlq", names);
        Assert.Contains("mailflow-local-app2-dlq", names);
        Assert.Equal(10, names.Count);
        // Nothing was sent in this test's fresh data directory: every queue is empty.
        Assert.All(queues, q => Assert.Equal((0L, 0L), (q.GetProperty("visible").GetInt64(), q.GetProperty("inFlight").GetInt64())));
        var inbound = queues.Single(q => q.GetProperty("name").GetString() == "mailflow-local-inbound");
        Assert.Equal("mailflow-local-inbound-dlq", inbound.GetProperty("deadLetterQueue").GetString());
        Assert.Equal(0, inbound.GetProperty("deadLetterDepth").GetInt64());
    }

    [Fact]
    public async Task An_attachment_link_downloads_the_file_a_tampered_one_is_refused_and_a_removed_file_is_404()
    {
        var file = Path.Combine(_mailflow.DataDir, "report.pdf");
        await File.WriteAllBytesAsync(file, "%PDF-1.7 e2e attachment"u8.ToArray());
        await ExternalTool.SwaksAsync(_mailflow.SmtpPort, "--from", "ann@sender.example", "--to", "_app1@example.com",
            "--attach-type", "application/pdf", "--attach-name", "report.pdf", "--attach", $"@{file}");
        using var sqs = _mailflow.SqsClient();
        var (_, envelope) = await QueueReader.ReceiveOneAsync(sqs, _mailflow.QueueUrl("mailflow-local-app1"), s_wait);
        var attachment = envelope.GetProperty("attachments").EnumerateArray().Single(a => a.GetProperty("contentType").GetString() == "application/pdf");
        var url = attachment.GetProperty("url").GetString()!;

        using var http = new HttpClient();
        var downloaded = await http.GetByteArrayAsync(url);
        var tampered = await http.GetAsync(url[..^2] + (url.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"));

        var id = attachment.GetProperty("id").GetString()!;
        File.Delete(Path.Combine(_mailflow.DataDir, attachment.GetProperty("storageKey").GetString()!));
        var gone = await http.GetAsync(url);

        Assert.Equal("%PDF-1.7 e2e attachment"u8.ToArray(), downloaded);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        Assert.StartsWith($"{_mailflow.HttpUrl}/api/attachments/{id}?expires=", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queues_lists_depths_and_peek_shows_messages_without_changing_their_receive_count()
    {
        await ExternalTool.SwaksAsync(_mailflow.SmtpPort, "--from", "ann@sender.example", "--to", "_app2@example.com", "--header", "Subject: Peek me");
        await WaitForDepthAsync("mailflow-local-app2", 1);

        var listing = await Cli("queues", "--http", _mailflow.HttpUrl);
        var otherKey = await ExternalTool.RunAsync("dotnet", [MailflowProcess.MailflowDll, "queues", "--http", _mailflow.HttpUrl, "--data-dir", MailflowProcess.NewDataDir()]);
        var first = await Cli("queues", "peek", "mailflow-local-app2", "--http", _mailflow.HttpUrl);
        var second = await Cli("queues", "peek", "mailflow-local-app2", "--http", _mailflow.HttpUrl);
        using var sqs = _mailflow.SqsClient();
        var (message, _) = await QueueReader.ReceiveOneAsync(sqs, _mailflow.QueueUrl("mailflow-local-app2"), s_wait);

        var app2Line = listing.Stdout.Split('\n').Single(l => l.StartsWith("mailflow-local-app2 ", StringComparison.Ordinal));
        Assert.Equal(["mailflow-local-app2", "1", "0", "0"], app2Line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4));
        Assert.Contains("Peek me", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 message(s) from queue mailflow-local-app2", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, otherKey.ExitCode);
        Assert.Contains("401", otherKey.Stderr, StringComparison.Ordinal);
        Assert.Contains("give the --data-dir", otherKey.Stderr, StringComparison.Ordinal);
        Assert.Contains("received 0x", second.Stdout, StringComparison.Ordinal);
        Assert.Equal("1", message.Attributes["ApproximateReceiveCount"]);
    }

    private async Task WaitForDepthAsync(string queue, int depth)
    {
        using var sqs = _mailflow.SqsClient();
        for (var i = 0; i < 100; i++)
        {
            var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
            {
                QueueUrl = _mailflow.QueueUrl(queue),
                AttributeNames = ["ApproximateNumberOfMessages"],
            });
            if (attributes.ApproximateNumberOfMessages >= depth)
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{queue} never reached {depth} message(s)");
    }

    private async Task<ExternalTool.Result> Cli(params string[] args)
    {
        var withDataDir = args[0] is "inbound" or "queues" ? [.. args, "--data-dir", _mailflow.DataDir] : args;
        var result = await ExternalTool.RunAsync("dotnet", [MailflowProcess.MailflowDll, .. withDataDir]);
        Assert.True(result.ExitCode == 0, result.All);
        return result;
    }

    [Fact]
    public async Task Mail_over_the_configured_size_limit_gets_552_5_3_4()
    {
        var config = Path.Combine(_mailflow.DataDir, "small.json");
        await File.WriteAllTextAsync(config, """
            {"domains": ["example.com"], "apps": [{"name": "app1"}], "limits": {"maxMessageBytes": 4096}}
            """);
        await using var small = await MailflowProcess.StartAsync(config: config);

        var big = await ExternalTool.SwaksAsync(small.SmtpPort, "--from", "ann@sender.example", "--to", "_app1@example.com",
            "--body", string.Join("\n", Enumerable.Repeat(new string('x', 70), 120)));
        var fits = await ExternalTool.SwaksAsync(small.SmtpPort, "--from", "ann@sender.example", "--to", "_app1@example.com", "--body", "short");

        Assert.Contains("552 5.3.4", big.All, StringComparison.Ordinal);
        Assert.Equal(0, fits.ExitCode);
    }
}
