using System.Text.Json.Nodes;
using Mailflow.Core.Envelopes;
using Mailflow.Core.Policy;
using Mailflow.Worker.Tests.Support;

namespace Mailflow.Worker.Tests;

/// <summary>The built worker consuming the inbound queue: SES receipt notifications in, envelopes on the app queues out.</summary>
public sealed class InboundBatchTests(WorkerDeployment deployment) : IClassFixture<WorkerDeployment>
{
    private readonly string _app1 = deployment.Queues.ForApp("app1");
    private readonly string _app2 = deployment.Queues.ForApp("app2");
    private readonly string _quarantine = deployment.Queues.Quarantine;

    private string[] Outputs => [_app1, _app2, _quarantine];

    [Fact]
    public async Task An_SQS_batch_of_SES_notifications_puts_envelopes_on_the_app_queues_and_records_each_step_in_the_ledger()
    {
        await deployment.DrainAsync(Outputs);
        var sqsEvent = SqsEvents.Load("sqs-ses-notifications.json").FromQueue(deployment.Queues.Inbound);

        var result = await deployment.InvokeAsync(sqsEvent);

        Assert.Equal("""{"batchItemFailures":[]}""", result.BodyText);
        var invoice = Assert.Single(await deployment.EnvelopesAsync(_app1));
        AssertEnvelope(invoice, RawMails.InvoiceSesId, "app1", "Invoice 4711");
        Assert.Null(invoice["quarantine"]);
        Assert.Equal(["_app1@example.com"], invoice["envelope"]!["recipients"]!.AsArray().Select(r => (string?)r));
        // The second mail fails DMARC, which the default configuration quarantines: one envelope per app it was for,
        // on the quarantine queue, none on app2's own queue.
        var tickets = (await deployment.EnvelopesAsync(_quarantine)).OrderBy(e => (string?)e["app"], StringComparer.Ordinal).ToList();
        Assert.Equal(["app1", "app2"], tickets.Select(e => (string?)e["app"]));
        Assert.All(tickets, ticket =>
        {
            AssertEnvelope(ticket, RawMails.TicketSesId, (string)ticket["app"]!, "Ticket 7");
            Assert.Equal(ReasonCodes.Verdict("dmarc", "FAIL"), (string?)ticket["quarantine"]!["reasonCode"]);
        });
        Assert.Equal(["_app1@example.com"], tickets[0]["envelope"]!["recipients"]!.AsArray().Select(r => (string?)r));
        Assert.Equal(["_app2+ticket-7@example.com"], tickets[1]["envelope"]!["recipients"]!.AsArray().Select(r => (string?)r));
        Assert.Equal("ticket-7", (string?)tickets[1]["mailboxHash"]);
        Assert.Empty(await deployment.ReceiveAllAsync(_app2));

        var invoiceLedger = await deployment.LedgerAsync(RawMails.InvoiceSesId);
        Assert.Equal(["Received", "Routed"], invoiceLedger.Select(e => e.Event).Order(StringComparer.Ordinal));
        var routed = Assert.Single(invoiceLedger, e => e.Event == "Routed");
        Assert.Equal(("app1", _app1), (routed.App, routed.Queue));
        var ticketLedger = await deployment.LedgerAsync(RawMails.TicketSesId);
        Assert.Equal(["Quarantined/app1", "Quarantined/app2", "Received/"],
            ticketLedger.Select(e => $"{e.Event}/{e.App}").Order(StringComparer.Ordinal));
        Assert.All(ticketLedger.Where(e => e.Event == "Quarantined"), e => Assert.Equal(_quarantine, e.Queue));
    }

    [Fact]
    public async Task An_SES_notification_wrapped_in_an_SNS_envelope_is_routed_like_a_raw_one()
    {
        await deployment.DrainAsync(Outputs);
        var sqsEvent = SqsEvents.Load("sqs-ses-via-sns.json").FromQueue(deployment.Queues.Inbound);
        Assert.StartsWith("""{"Type":"Notification",""", sqsEvent.Body(0), StringComparison.Ordinal);

        var result = await deployment.InvokeAsync(sqsEvent);

        Assert.Equal("""{"batchItemFailures":[]}""", result.BodyText);
        AssertEnvelope(Assert.Single(await deployment.EnvelopesAsync(_app1)), RawMails.InvoiceSesId, "app1", "Invoice 4711");
        Assert.Empty(await deployment.ReceiveAllAsync(_quarantine));
        Assert.Contains(await deployment.LedgerAsync(RawMails.InvoiceSesId), e => e is { Event: "Routed", App: "app1" });
    }

    [Fact]
    public async Task A_record_from_a_queue_the_worker_does_not_consume_is_reported_as_a_batch_item_failure_and_the_others_are_processed()
    {
        await deployment.DrainAsync(Outputs);
        var sqsEvent = SqsEvents.Load("sqs-ses-notifications.json").FromQueue(deployment.Queues.Inbound);
        SqsEvents.SetQueue(sqsEvent.Records()[1]!.AsObject(), "mailflow-local-elsewhere");

        var result = await deployment.InvokeAsync(sqsEvent);

        Assert.Equal([sqsEvent.MessageId(1)], WorkerDeployment.BatchItemFailures(result));
        AssertEnvelope(Assert.Single(await deployment.EnvelopesAsync(_app1)), RawMails.InvoiceSesId, "app1", "Invoice 4711");
        Assert.Empty(await deployment.ReceiveAllAsync(_quarantine));
    }

    private static void AssertEnvelope(JsonObject envelope, string sesMessageId, string app, string subject)
    {
        Assert.Equal(InboundEnvelope.SchemaName, (string?)envelope["schema"]);
        Assert.Equal(StorageKeys.EnvelopeId(sesMessageId, app), (string?)envelope["id"]);
        Assert.Equal(app, (string?)envelope["app"]);
        Assert.Equal(sesMessageId, (string?)envelope["sesMessageId"]);
        Assert.Equal(subject, (string?)envelope["subject"]);
        Assert.Equal(RawMails.Key(sesMessageId), (string?)envelope["raw"]!["storageKey"]);
        Assert.Equal(RawMails.All[sesMessageId].Length, (long?)envelope["raw"]!["size"]);
    }
}
