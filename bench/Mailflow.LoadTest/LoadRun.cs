using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Mailflow.LoadTest;

/// <summary>
/// Sends N mails of about S bytes over C SMTP connections to a fresh <c>mailflow run</c> while consumers receive the
/// envelopes from the app queue with AWSSDK.SQS; prints mails/s and the p50/p99 latency from the SMTP 250 to the
/// envelope being received. Target (issue 3): at least 1,000 mails/s and p99 under 100 ms on the 2-core machine.
/// </summary>
public static class LoadRun
{
    private const int Consumers = 8;

    public static async Task<int> RunAsync(LoadSettings settings, TextWriter output)
    {
        await using var server = await MailflowServer.StartAsync(settings.Mailflow);
        if (settings.Warmup > 0)
        {
            // Let the JIT reach steady state (tiered compilation recompiles hot paths for seconds after start): not measured.
            await MeasureAsync(server, settings with { Mails = settings.Warmup }, "warmup", TextWriter.Null);
        }
        return await MeasureAsync(server, settings, "load", output);
    }

    private static async Task<int> MeasureAsync(MailflowServer server, LoadSettings settings, string prefix, TextWriter output)
    {
        var acceptedAt = new ConcurrentDictionary<string, long>();
        var receivedAt = new ConcurrentDictionary<string, long>();
        var clock = Stopwatch.StartNew();
        using var stopConsumers = new CancellationTokenSource();
        var consumers = Enumerable.Range(0, Consumers).Select(_ => Task.Run(() => ConsumeAsync(server, receivedAt, clock, stopConsumers.Token))).ToList();

        var body = string.Concat(Enumerable.Repeat("Load test line of about sixty characters, repeated to size.\n", Math.Max(1, settings.SizeBytes / 60)));
        var next = -1;
        var started = clock.ElapsedTicks;
        await Task.WhenAll(Enumerable.Range(0, settings.Connections).Select(_ => Task.Run(async () =>
        {
            using var client = new SmtpClient();
            // Nagle off, as a real MTA has it: otherwise the small final "." segment of each mail waits for a delayed ACK (~40 ms).
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, server.SmtpPort);
            await client.ConnectAsync(socket, "127.0.0.1", server.SmtpPort, SecureSocketOptions.None);
            int i;
            while ((i = Interlocked.Increment(ref next)) < settings.Mails)
            {
                var id = $"{prefix}-{i:D6}@bench.example";
                await client.SendAsync(Mail(id, body));
                acceptedAt[id] = clock.ElapsedTicks;
            }
            await client.DisconnectAsync(quit: true);
        })));
        var sent = clock.ElapsedTicks;

        var deadline = clock.Elapsed + TimeSpan.FromSeconds(120);
        while (receivedAt.Count < settings.Mails && clock.Elapsed < deadline)
        {
            await Task.Delay(50);
        }
        await stopConsumers.CancelAsync();
        await Task.WhenAll(consumers);
        var done = receivedAt.Values.DefaultIfEmpty(sent).Max();

        var latencies = receivedAt.Where(r => acceptedAt.ContainsKey(r.Key))
            .Select(r => (r.Value - acceptedAt[r.Key]) * 1000.0 / Stopwatch.Frequency).Order().ToList();
        double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;
        output.WriteLine($"mails: {settings.Mails} of ~{settings.SizeBytes / 1024} KB over {settings.Connections} SMTP connections; {Consumers} SQS consumers; after {settings.Warmup} warm-up mails");
        output.WriteLine($"accepted (250): {acceptedAt.Count} in {Seconds(sent - started):F2} s = {acceptedAt.Count / Seconds(sent - started):F0} mails/s");
        output.WriteLine($"received from the app queue: {receivedAt.Count}; end to end {receivedAt.Count / Seconds(done - started):F0} mails/s");
        if (latencies.Count > 0)
        {
            output.WriteLine($"latency 250 -> receivable: p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms");
        }
        output.WriteLine("targets: >= 1000 mails/s, p99 < 100 ms");
        return receivedAt.Count == settings.Mails ? 0 : 1;
    }

    private static async Task ConsumeAsync(MailflowServer server, ConcurrentDictionary<string, long> receivedAt, Stopwatch clock, CancellationToken stopping)
    {
        using var sqs = new AmazonSQSClient(new BasicAWSCredentials("local", "local"),
            new AmazonSQSConfig { ServiceURL = server.SqsUrl, AuthenticationRegion = "us-east-1" });
        var queueUrl = $"{server.SqsUrl}/000000000000/mailflow-local-app1";
        while (!stopping.IsCancellationRequested)
        {
            ReceiveMessageResponse response;
            try
            {
                response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 }, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (response.Messages is not { Count: > 0 } messages)
            {
                continue;
            }
            var now = clock.ElapsedTicks;
            foreach (var message in messages)
            {
                var envelope = JsonDocument.Parse(message.Body).RootElement;
                receivedAt.TryAdd(envelope.GetProperty("messageId").GetString()!, now);
            }
            await sqs.DeleteMessageBatchAsync(queueUrl,
                [.. messages.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle))],
                CancellationToken.None);
        }
    }

    private static MimeMessage Mail(string messageId, string body)
    {
        var mail = new MimeMessage { MessageId = messageId, Subject = "Load " + messageId };
        mail.From.Add(MailboxAddress.Parse("load@sender.example"));
        mail.To.Add(MailboxAddress.Parse("_app1@example.com"));
        mail.Body = new TextPart("plain") { Text = body };
        return mail;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
