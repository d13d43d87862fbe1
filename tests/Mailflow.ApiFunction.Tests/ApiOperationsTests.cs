using System.Text;
using Mailflow.ApiFunction.Tests.Support;
using Mailflow.Core.Configuration;
using Mailflow.Core.Outbound;
using Mailflow.Core.Ports;
using Mailflow.Testing.Auth;
using Mailflow.Testing.Stubs;

namespace Mailflow.ApiFunction.Tests;

/// <summary>
/// The built API over its AWS backends: queue depths from SQS (fauxqs), the ledger and its figures from DynamoDB
/// (dynalite), the rollback switch through the Lambda API (a stub that checks nothing, so the signature is checked here),
/// and a test envelope onto the outbound queue.
/// </summary>
[Collection(ApiDeploymentCollection.Name)]
public sealed class ApiOperationsTests(ApiDeployment deployment)
{
    [Fact]
    public async Task A_viewer_lists_every_queue_of_the_configuration_with_its_depth_and_its_dead_letter_depth_from_SQS()
    {
        var app2 = deployment.Queues.ForApp("app2");
        await deployment.SendAsync(app2, "one");
        await deployment.SendAsync(app2, "two");
        await deployment.SendAsync(QueueNames.DeadLetterOf(app2), "dead");
        try
        {
            var response = await deployment.InvokeAsync(ApiEvents.Get("/api/queues", TestTokens.Mint("viewer")));

            Assert.True(response.StatusCode == 200, response.BodyText);
            var queues = response.Json["queues"]!.AsArray();
            Assert.Equal(QueueNames.All(DefaultConfig.Instance).Order(StringComparer.Ordinal),
                queues.Select(queue => (string)queue!["name"]!).Order(StringComparer.Ordinal));
            var listed = queues.Single(queue => (string?)queue!["name"] == app2)!;
            Assert.Equal("app", (string?)listed["kind"]);
            Assert.Equal("app2", (string?)listed["app"]);
            Assert.Equal(2, (long)listed["visible"]!);
            Assert.Equal(QueueNames.DeadLetterOf(app2), (string?)listed["deadLetterQueue"]);
            Assert.Equal(1, (long)listed["deadLetterDepth"]!);
        }
        finally
        {
            await deployment.ReceiveAllAsync(app2);
            await deployment.ReceiveAllAsync(QueueNames.DeadLetterOf(app2));
        }
    }

    [Fact]
    public async Task A_mail_recorded_in_the_ledger_is_found_by_search_and_shown_with_its_timeline()
    {
        var (mailId, subject) = await RecordRoutedMailAsync();

        var search = await deployment.InvokeAsync(ApiEvents.Get($"/api/messages?q={Uri.EscapeDataString(subject)}", TestTokens.Mint("viewer")));
        var detail = await deployment.InvokeAsync(ApiEvents.Get($"/api/messages/{mailId}", TestTokens.Mint("viewer")));

        Assert.True(search.StatusCode == 200, search.BodyText);
        var item = Assert.Single(search.Json["items"]!.AsArray())!;
        Assert.Equal(mailId, (string?)item["mailId"]);
        Assert.Equal("routed", (string?)item["status"]);
        Assert.Equal(subject, (string?)item["subject"]);
        Assert.Equal(["app1"], item["apps"]!.AsArray().Select(app => (string)app!));
        Assert.True((bool)search.Json["addressesRedacted"]!);
        Assert.DoesNotContain("alice@example.net", search.BodyText, StringComparison.Ordinal);

        Assert.True(detail.StatusCode == 200, detail.BodyText);
        Assert.Equal(mailId, (string?)detail.Json["summary"]!["mailId"]);
        Assert.True(detail.Json["timeline"]!.AsArray().Count >= 2, detail.BodyText);
    }

    [Fact]
    public async Task An_unknown_mail_id_answers_404_message_not_found()
    {
        var response = await deployment.InvokeAsync(ApiEvents.Get($"/api/messages/nothing{Guid.NewGuid():N}", TestTokens.Mint("viewer")));

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("message-not-found", (string?)response.Json["error"]);
    }

    [Fact]
    public async Task The_metrics_summary_counts_a_recorded_mail_as_received_and_routed_to_its_app()
    {
        var before = await deployment.InvokeAsync(ApiEvents.Get("/api/metrics/summary?window=1h", TestTokens.Mint("viewer")));
        await RecordRoutedMailAsync();

        var after = await deployment.InvokeAsync(ApiEvents.Get("/api/metrics/summary?window=1h", TestTokens.Mint("viewer")));

        Assert.True(after.StatusCode == 200, after.BodyText);
        Assert.Equal((long)before.Json["received"]! + 1, (long)after.Json["received"]!);
        Assert.Equal((long)before.Json["routed"]! + 1, (long)after.Json["routed"]!);
        Assert.Equal(((long?)before.Json["routedPerApp"]!["app1"] ?? 0) + 1, (long)after.Json["routedPerApp"]!["app1"]!);
    }

    [Fact]
    public async Task An_operator_pause_reaches_Lambda_as_a_signed_PUT_of_Enabled_false_and_answers_the_paused_state()
    {
        var puts = deployment.ControlPlane.Requests.Count(r => r.Method == "PUT");
        try
        {
            var response = await deployment.InvokeAsync(ApiEvents.Post("/api/inbound/pause", TestTokens.Mint("operator")));

            Assert.True(response.StatusCode == 200, response.BodyText);
            Assert.Equal("pause", (string?)response.Json["action"]);
            Assert.Equal("enabled", (string?)response.Json["before"]!["state"]);
            Assert.Equal("paused", (string?)response.Json["after"]!["state"]);
            Assert.False((bool)response.Json["after"]!["processing"]!);
            var put = deployment.ControlPlane.Requests.Where(r => r.Method == "PUT").Skip(puts).Single();
            Assert.Equal($"/2015-03-31/event-source-mappings/{FakeControlPlane.MappingId}", put.RawUrl);
            Assert.Equal("""{"Enabled":false}""", Encoding.UTF8.GetString(put.Body));
            var authorization = IndependentSigV4.ParseAuthorization(put.Header("Authorization"));
            Assert.Equal(("local", "us-east-1", "lambda"), (authorization.AccessKey, authorization.Region, authorization.Service));
            Assert.Equal(IndependentSigV4.Signature(put, ApiVariables.SecretAccessKey), authorization.Signature);
        }
        finally
        {
            deployment.ControlPlane.MappingState = "Enabled";
        }
    }

    [Fact]
    public async Task A_viewer_may_not_pause_inbound_and_gets_403_without_any_call_to_Lambda()
    {
        var puts = deployment.ControlPlane.Requests.Count(r => r.Method == "PUT");

        var response = await deployment.InvokeAsync(ApiEvents.Post("/api/inbound/pause", TestTokens.Mint("viewer")));

        Assert.Equal(403, response.StatusCode);
        Assert.Equal("role-required", (string?)response.Json["error"]);
        Assert.Equal(puts, deployment.ControlPlane.Requests.Count(r => r.Method == "PUT"));
    }

    [Fact]
    public async Task A_test_outbound_puts_a_valid_envelope_from_the_app_s_own_address_on_the_outbound_queue()
    {
        await deployment.ReceiveAllAsync(deployment.Queues.Outbound);

        var response = await deployment.InvokeAsync(ApiEvents.Post("/api/test/outbound", TestTokens.Mint("operator"),
            """{"app":"app1","to":"someone@example.net","subject":"bundle test"}"""));

        Assert.True(response.StatusCode == 202, response.BodyText);
        Assert.Equal(deployment.Queues.Outbound, (string?)response.Json["queue"]);
        var message = Assert.Single(await deployment.ReceiveAllAsync(deployment.Queues.Outbound));
        var envelope = OutboundReader.Read(message.Body);
        Assert.Empty(OutboundValidator.Validate(envelope, new OutboundRules(DefaultConfig.Instance)));
        Assert.Equal("app1", envelope.App);
        Assert.Equal("_app1@example.com", envelope.From!.Address);
        Assert.Equal("someone@example.net", Assert.Single(envelope.To!).Address);
        Assert.Equal((string?)response.Json["idempotencyKey"], envelope.IdempotencyKey);
        Assert.Equal((string?)response.Json["mailId"], OutboundIds.MailId("app1", envelope.IdempotencyKey!));
    }

    /// <summary>A received mail routed to app1, recorded as the worker records it, on the system clock the function reads.</summary>
    private async Task<(string MailId, string Subject)> RecordRoutedMailAsync()
    {
        var mailId = $"ses{Guid.NewGuid():N}";
        var subject = $"Invoice {Guid.NewGuid():N}";
        var now = TimeProvider.System.GetUtcNow();
        var ledger = deployment.Ledger;
        await ledger.RecordAsync(new LedgerEntry(mailId, LedgerEvent.Received, now.AddSeconds(-2),
            Facts: new MailFacts(ThreadEntry.Inbound, "alice@example.net", ["_app1@example.com"], subject)), CancellationToken.None);
        await ledger.RecordAsync(new LedgerEntry(mailId, LedgerEvent.Routed, now, EnvelopeId: $"{mailId}-app1", App: "app1",
            Queue: deployment.Queues.ForApp("app1"), Latency: TimeSpan.FromSeconds(2)), CancellationToken.None);
        return (mailId, subject);
    }
}
