using System.Text.Json;

using Mailflow.Testing.Processes;

namespace Mailflow.EndToEnd.Tests;

public sealed class LifecycleTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SIGTERM_stops_cleanly_and_mail_accepted_before_it_is_delivered_after_a_restart()
    {
        var dataDir = MailflowProcess.NewDataDir();
        var ports = (MailflowProcess.FreePort(), MailflowProcess.FreePort(), MailflowProcess.FreePort());
        var first = await MailflowProcess.StartAsync(dataDir, ports: ports);
        await ExternalTool.SwaksAsync(first.SmtpPort, "--from", "ann@sender.example", "--to", "_app2@example.com", "--header", "Subject: Before stop");

        var exitCode = await first.TerminateAsync(TimeSpan.FromSeconds(30));
        await first.DisposeAsync();
        await using var second = await MailflowProcess.StartAsync(dataDir, ports: ports);
        using var sqs = second.SqsClient();
        var (_, envelope) = await QueueReader.ReceiveOneAsync(sqs, second.QueueUrl("mailflow-local-app2"), s_wait);

        Assert.Equal(0, exitCode);
        Assert.Contains("mailflow stopped", first.Output);
        Assert.Equal("Before stop", envelope.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_stored_mail_that_never_reached_the_queue_is_recovered_at_start_and_an_interrupted_one_removed()
    {
        var dataDir = MailflowProcess.NewDataDir();
        const string id = "0190aaaabbbbccccddddeeeeffff0042";
        var directory = Path.Combine(dataDir, "raw", id[^2..]);
        Directory.CreateDirectory(directory);
        var mail = "From: ann@sender.example\r\nTo: someone@elsewhere.example\r\nSubject: Stranded\r\n\r\nhello\r\n"u8.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(directory, id), mail);
        await File.WriteAllTextAsync(Path.Combine(directory, id + ".envelope.json"),
            $$"""{"mailFrom":"ann@sender.example","recipients":["_app1@example.com"],"receivedAt":"2026-11-22T10:00:00+00:00","size":{{mail.Length}}}""");

        var interrupted = Path.Combine(directory, "0190aaaabbbbccccddddeeeeffff9942");
        await File.WriteAllBytesAsync(interrupted, "From: half-writ"u8.ToArray());

        await using var mailflow = await MailflowProcess.StartAsync(dataDir);
        using var sqs = mailflow.SqsClient();
        var (_, envelope) = await QueueReader.ReceiveOneAsync(sqs, mailflow.QueueUrl("mailflow-local-app1"), s_wait);

        Assert.Equal($"{id}.app1", envelope.GetProperty("id").GetString());
        Assert.Equal("Stranded", envelope.GetProperty("subject").GetString());
        Assert.Contains(mailflow.Output, line => line.Contains("1 stored mail(s) recovered", StringComparison.Ordinal));
        Assert.False(File.Exists(interrupted), "a mail whose write was interrupted (no envelope sidecar) is removed");
    }

    [Fact]
    public async Task Mailflow_send_delivers_a_composed_mail_with_an_attachment()
    {
        await using var mailflow = await MailflowProcess.StartAsync();
        var file = Path.Combine(mailflow.DataDir, "notes.csv");
        await File.WriteAllTextAsync(file, "a,b\n1,2\n");

        var send = await ExternalTool.RunAsync("dotnet", [MailflowProcess.MailflowDll, "send", "--smtp", $"127.0.0.1:{mailflow.SmtpPort}",
            "--from", "ann@sender.example", "--to", "_app1@example.com", "--bcc", "_app2@example.com", "--subject", "Sent by mailflow send",
            "--text", "see attached", "--attach", file]);
        using var sqs = mailflow.SqsClient();
        var (_, toApp1) = await QueueReader.ReceiveOneAsync(sqs, mailflow.QueueUrl("mailflow-local-app1"), s_wait);
        var (_, toApp2) = await QueueReader.ReceiveOneAsync(sqs, mailflow.QueueUrl("mailflow-local-app2"), s_wait);

        Assert.True(send.ExitCode == 0, send.All);
        Assert.Contains("the server answered: 2.0.0 Ok: queued as", send.Stdout, StringComparison.Ordinal);
        Assert.Equal("Sent by mailflow send", toApp1.GetProperty("subject").GetString());
        Assert.Equal("notes.csv", toApp1.GetProperty("attachments")[0].GetProperty("filename").GetString());
        Assert.Equal(JsonValueKind.Array, toApp2.GetProperty("to").ValueKind);
        Assert.Equal(["_app2@example.com"], toApp2.GetProperty("envelope").GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
    }
}
