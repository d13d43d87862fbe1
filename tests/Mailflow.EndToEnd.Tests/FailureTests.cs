using System.Text.Json;
using Amazon.SQS.Model;
using MimeKit;

using Mailflow.Testing.Processes;

namespace Mailflow.EndToEnd.Tests;

public sealed class FailureTests
{
    private static string Notification(string messageId) => $$$"""
        {"notificationType":"Received",
         "mail":{"timestamp":"2026-11-22T10:00:00Z","source":"ann@sender.example","messageId":"{{{messageId}}}","destination":["_app1@example.com"]},
         "receipt":{"timestamp":"2026-11-22T10:00:00Z","recipients":["_app1@example.com"],
           "spfVerdict":{"status":"PASS"},"dkimVerdict":{"status":"PASS"},"dmarcVerdict":{"status":"PASS"},
           "spamVerdict":{"status":"PASS"},"virusVerdict":{"status":"PASS"},
           "action":{"type":"S3","bucketName":"mailflow-local","objectKey":"raw/{{{messageId}}}"} } }
        """;

    [Fact]
    public async Task A_poison_mail_is_retried_then_dead_lettered_with_diagnostics_and_a_move_task_brings_it_back()
    {
        await using var mailflow = await MailflowProcess.StartAsync();
        const string id = "poison-0001";
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse("ann@sender.example"));
        mail.To.Add(MailboxAddress.Parse("_app1@example.com"));
        mail.Subject = "Poison";
        var body = new BodyBuilder { TextBody = "see attachment" };
        body.Attachments.Add("data.csv", "a,b\n1,2\n"u8.ToArray(), ContentType.Parse("text/csv"));
        mail.Body = body.ToMessageBody();
        Directory.CreateDirectory(Path.Combine(mailflow.DataDir, "raw"));
        await mail.WriteToAsync(Path.Combine(mailflow.DataDir, "raw", id));
        // A file where the attachment directory must go: storing the attachment fails every time, like a broken disk.
        Directory.CreateDirectory(Path.Combine(mailflow.DataDir, "attachments"));
        var blocker = Path.Combine(mailflow.DataDir, "attachments", id);
        await File.WriteAllTextAsync(blocker, "not a directory");
        using var sqs = mailflow.SqsClient();

        await sqs.SendMessageAsync(mailflow.QueueUrl("mailflow-local-inbound"), Notification(id));

        var dead = await ReceiveFromDeadLetterQueueAsync(sqs, mailflow.QueueUrl("mailflow-local-inbound-dlq"), TimeSpan.FromSeconds(60));
        Assert.Equal("exhausted", dead.MessageAttributes["mailflow-failure-class"].StringValue);
        Assert.Equal("5", dead.MessageAttributes["mailflow-receive-count"].StringValue);
        Assert.Equal("mailflow-local-inbound", dead.MessageAttributes["mailflow-source-queue"].StringValue);
        Assert.Equal(nameof(IOException), dead.MessageAttributes["mailflow-error-type"].StringValue);
        Assert.Equal(id, JsonDocument.Parse(dead.Body).RootElement.GetProperty("mail").GetProperty("messageId").GetString());

        File.Delete(blocker);
        var move = await sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest
        {
            SourceArn = "arn:aws:sqs:us-east-1:000000000000:mailflow-local-inbound-dlq",
            DestinationArn = "arn:aws:sqs:us-east-1:000000000000:mailflow-local-inbound",
        });
        Assert.False(string.IsNullOrEmpty(move.TaskHandle));
        var (_, envelope) = await QueueReader.ReceiveOneAsync(sqs, mailflow.QueueUrl("mailflow-local-app1"), TimeSpan.FromSeconds(30));
        Assert.Equal($"{id}.app1", envelope.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_message_that_is_not_a_notification_goes_to_the_DLQ_at_once_and_the_API_shows_the_DLQ_depth()
    {
        await using var mailflow = await MailflowProcess.StartAsync();
        using var sqs = mailflow.SqsClient();

        await sqs.SendMessageAsync(mailflow.QueueUrl("mailflow-local-inbound"), "{ this is not json");

        var dead = await ReceiveFromDeadLetterQueueAsync(sqs, mailflow.QueueUrl("mailflow-local-inbound-dlq"), TimeSpan.FromSeconds(20));
        Assert.Equal("permanent", dead.MessageAttributes["mailflow-failure-class"].StringValue);
        Assert.Equal("1", dead.MessageAttributes["mailflow-receive-count"].StringValue);
        Assert.Equal("{ this is not json", dead.Body);
        // The dead letter was received once above with visibility 0, so it is still counted on the DLQ.
        var queues = await mailflow.ApiGetAsync("/api/queues", "viewer");
        var inbound = queues.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("name").GetString() == "mailflow-local-inbound");
        Assert.Equal(1, inbound.GetProperty("deadLetterDepth").GetInt64());
        using var http = new HttpClient();
        var health = JsonDocument.Parse(await http.GetStringAsync($"{mailflow.HttpUrl}/api/health")).RootElement;
        Assert.Equal("enabled", health.GetProperty("inbound").GetProperty("state").GetString());
    }

    private static async Task<Message> ReceiveFromDeadLetterQueueAsync(Amazon.SQS.AmazonSQSClient sqs, string queueUrl, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                WaitTimeSeconds = 2,
                VisibilityTimeout = 0,
                MessageAttributeNames = ["All"],
            });
            if (response.Messages is [var message, ..])
            {
                return message;
            }
        }
        throw new TimeoutException($"nothing reached {queueUrl} within {timeout}");
    }
}
