using System.Text.Json.Nodes;
using Mailflow.Core.Outbound;
using Mailflow.Testing.Support;
using Mailflow.Worker.Tests.Support;

namespace Mailflow.Worker.Tests;

/// <summary>The built worker consuming the outbound queue: <c>mailflow.outbound.v1</c> envelopes in, mail sent through SES v2.</summary>
public sealed class OutboundBatchTests(WorkerDeployment deployment) : IClassFixture<WorkerDeployment>
{
    /// <summary>The inbound attachment the second envelope of sqs-outbound.json forwards by its storage key.</summary>
    private const string ForwardedAttachmentKey = "attachments/0100019a1b2c3d4e-0/a0";

    [Fact]
    public async Task An_outbound_batch_sends_each_envelope_through_SES_with_its_subject_recipients_and_attachment()
    {
        var invoicePdf = Bytes.Random(20_000, seed: 4711);
        await deployment.PutAsync(DeploymentVariables.AttachmentBucket, ForwardedAttachmentKey, invoicePdf);
        var sqsEvent = SqsEvents.Load("sqs-outbound.json").FromQueue(deployment.Queues.Outbound);

        var result = await deployment.InvokeAsync(sqsEvent);

        Assert.Equal("""{"batchItemFailures":[]}""", result.BodyText);
        var emails = await deployment.Ses.EmailsAsync();
        var order = Assert.Single(emails, e => (string?)e["subject"] == "Your order 4711");
        Assert.Contains("ann@customer.example", Recipients(order), StringComparison.Ordinal);
        Assert.Contains("_app1@example.com", (string?)order["from"], StringComparison.Ordinal);
        var reply = Assert.Single(emails, e => (string?)e["subject"] == "Re: Invoice 4711");
        Assert.Contains("ann@sender.example", Recipients(reply), StringComparison.Ordinal);
        var attachment = Assert.Single(reply["attachments"]!.AsArray());
        Assert.Equal("invoice.pdf", (string?)attachment!["filename"]);
        Assert.Equal(invoicePdf, Convert.FromBase64String((string)attachment["content"]!));

        var sent = Assert.Single(await deployment.LedgerAsync(OutboundIds.MailId("app1", "order-4711-confirmation")));
        Assert.Equal(("Sent", "app1"), (sent.Event, sent.App));
        Assert.Equal((string?)order["messageId"], sent.ProviderMessageId);
    }

    [Fact]
    public async Task A_second_envelope_with_the_same_app_and_idempotency_key_sends_nothing()
    {
        var key = $"receipt-{Guid.NewGuid():N}";
        var subject = $"Your receipt {key}";
        var envelope = new JsonObject
        {
            ["schema"] = "mailflow.outbound.v1",
            ["app"] = "app1",
            ["idempotencyKey"] = key,
            ["from"] = new JsonObject { ["address"] = "_app1@example.com" },
            ["to"] = new JsonArray(new JsonObject { ["address"] = "ann@customer.example" }),
            ["subject"] = subject,
            ["text"] = "Thank you.",
        }.ToJsonString();

        var first = await deployment.InvokeAsync(SqsEvents.OneRecord(deployment.Queues.Outbound, Guid.NewGuid().ToString(), envelope));
        var second = await deployment.InvokeAsync(SqsEvents.OneRecord(deployment.Queues.Outbound, Guid.NewGuid().ToString(), envelope));

        Assert.Equal("""{"batchItemFailures":[]}""", first.BodyText);
        Assert.Equal("""{"batchItemFailures":[]}""", second.BodyText);
        Assert.Single(await deployment.Ses.EmailsAsync(), e => (string?)e["subject"] == subject);
        var ledger = await deployment.LedgerAsync(OutboundIds.MailId("app1", key));
        Assert.Equal(["Duplicate", "Sent"], ledger.Select(e => e.Event).Order(StringComparer.Ordinal));
    }

    private static string Recipients(JsonObject email) => email["destination"]!["to"]!.ToJsonString();
}
