using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

using Mailflow.Testing.Processes;

namespace Mailflow.EndToEnd.Tests;

public sealed class CrashSafetyTests
{
    private const int Mails = 2_000;
    private const int Connections = 16;
    private const int KillAfterAccepted = 700;

    [Fact]
    public async Task Every_mail_that_got_250_survives_a_SIGKILL_and_restart_exactly_once()
    {
        var dataDir = MailflowProcess.NewDataDir();
        var ports = (MailflowProcess.FreePort(), MailflowProcess.FreePort(), MailflowProcess.FreePort());
        var mailflow = await MailflowProcess.StartAsync(dataDir, ports: ports);
        var accepted = new ConcurrentDictionary<string, bool>();
        var next = -1;
        var restarted = new TaskCompletionSource<MailflowProcess>(TaskCreationOptions.RunContinuationsAsynchronously);
        var killing = 0;

        async Task SendLoopAsync()
        {
            using var client = new SmtpClient { Timeout = 30_000 };
            int i;
            while ((i = Interlocked.Increment(ref next)) < Mails)
            {
                var messageId = $"crash-{i:D5}@e2e.example";
                try
                {
                    if (!client.IsConnected)
                    {
                        await client.ConnectAsync("127.0.0.1", ports.Item1, SecureSocketOptions.None);
                    }
                    await client.SendAsync(Mail(messageId));
                    accepted[messageId] = true;
                }
                catch (Exception ex) when (ex is IOException or SmtpProtocolException or SmtpCommandException or System.Net.Sockets.SocketException)
                {
                    // No 250: the sender would retry later; this test only follows the mails that were accepted.
                    await client.DisconnectAsync(quit: false);
                    await restarted.Task;
                }
                if (accepted.Count >= KillAfterAccepted && Interlocked.Exchange(ref killing, 1) == 0)
                {
                    await mailflow.KillAsync();
                    await mailflow.DisposeAsync();
                    restarted.SetResult(await MailflowProcess.StartAsync(dataDir, ports: ports));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => Task.Run(SendLoopAsync)));
        await using var survivor = await restarted.Task;

        await WaitUntilInboundDrainedAsync(survivor, TimeSpan.FromSeconds(120));
        using var sqs = survivor.SqsClient();
        var delivered = await QueueReader.ReceiveAsync(sqs, survivor.QueueUrl("mailflow-local-app1"), accepted.Count * 2, TimeSpan.FromSeconds(30));
        var envelopesByMail = delivered
            .GroupBy(d => d.Envelope.GetProperty("messageId").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Envelope.GetProperty("id").GetString()).Distinct().Count());

        Assert.True(accepted.Count >= KillAfterAccepted, $"only {accepted.Count} mails were accepted");
        var missing = accepted.Keys.Where(id => !envelopesByMail.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} accepted mails never reached the app queue, e.g. {string.Join(", ", missing.Take(5))}");
        var duplicated = envelopesByMail.Where(kv => accepted.ContainsKey(kv.Key) && kv.Value != 1).ToList();
        Assert.True(duplicated.Count == 0, $"{duplicated.Count} accepted mails have more than one envelope id");
        var queues = await survivor.ApiGetAsync("/api/queues", "viewer");
        var deadLetters = queues.GetProperty("queues").EnumerateArray()
            .Where(q => q.GetProperty("name").GetString()!.EndsWith("-dlq", StringComparison.Ordinal))
            .Sum(q => q.GetProperty("visible").GetInt64() + q.GetProperty("inFlight").GetInt64());
        Assert.Equal(0, deadLetters);
    }

    private static MimeMessage Mail(string messageId)
    {
        var mail = new MimeMessage { MessageId = messageId, Subject = "Load " + messageId };
        mail.From.Add(MailboxAddress.Parse("load@sender.example"));
        mail.To.Add(MailboxAddress.Parse("_app1@example.com"));
        mail.Body = new TextPart("plain") { Text = string.Concat(Enumerable.Repeat("Crash-safety line of text.\n", 40)) };
        return mail;
    }

    private static async Task WaitUntilInboundDrainedAsync(MailflowProcess mailflow, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri(mailflow.HttpUrl) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await mailflow.TokenAsync("viewer"));
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            var view = await http.GetFromJsonAsync<JsonElement>("/api/queues");
            var inbound = view.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("name").GetString() == "mailflow-local-inbound");
            if (inbound.GetProperty("visible").GetInt64() + inbound.GetProperty("inFlight").GetInt64() + inbound.GetProperty("delayed").GetInt64() == 0)
            {
                return;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("the inbound queue did not drain");
    }
}
