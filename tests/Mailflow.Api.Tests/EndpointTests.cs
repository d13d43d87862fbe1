using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mailflow.Api.Auth;
using Mailflow.Api.Tests.Support;
using Mailflow.Core.Ports;

namespace Mailflow.Api.Tests;

/// <summary>
/// Every endpoint's happy path (and its plain refusals) against local mode's real backends: mail received through the
/// receipt path and routed by the real worker, SQLite ledger and queues, the state file of the switches.
/// </summary>
public sealed class EndpointTests(LocalStack stack) : IClassFixture<LocalStack>, IAsyncLifetime
{
    private ApiTestHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiTestHost.StartAsync(stack.Backends, ApiTransport.TestServer);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Viewer => _host.As(Roles.Viewer);
    private HttpClient Operator => _host.As(Roles.Operator, "olga");
    private HttpClient Admin => _host.As(Roles.Admin, "ada");

    [Fact]
    public async Task Health_reports_ok_with_the_inbound_and_worker_state()
    {
        var health = await GetJsonAsync(_host.Anonymous(), "/api/health");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("apitest", health.GetProperty("environment").GetString());
        Assert.Equal("local", health.GetProperty("host").GetString());
        Assert.Equal("enabled", health.GetProperty("inbound").GetProperty("state").GetString());
        Assert.Equal("running", health.GetProperty("worker").GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(health.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task Deep_health_checks_every_store_and_queue_with_its_latency()
    {
        var deep = await GetJsonAsync(Viewer, "/api/health/deep");

        Assert.Equal("ok", deep.GetProperty("status").GetString());
        var checks = deep.GetProperty("checks").EnumerateArray().ToList();
        var names = checks.Select(check => check.GetProperty("name").GetString()).ToList();
        Assert.Contains("database", names);
        Assert.Contains("raw-mail", names);
        Assert.Contains($"queue:{stack.Queues.Inbound}", names);
        Assert.Contains($"queue:{stack.Queues.ForApp("invoices")}", names);
        Assert.All(checks, check =>
        {
            Assert.True(check.GetProperty("ok").GetBoolean());
            Assert.True(check.GetProperty("latencyMs").GetDouble() >= 0);
        });
    }

    [Fact]
    public async Task A_test_mail_is_routed_and_shows_in_search_with_addresses_redacted_for_a_viewer_only()
    {
        var mailId = await stack.ReceiveTestMailAsync(Operator, "invoices", "Invoice search test");

        var asViewer = await GetJsonAsync(Viewer, "/api/messages?app=invoices&q=invoice%20search");
        var asAdmin = await GetJsonAsync(Admin, "/api/messages?app=invoices&q=invoice%20search");

        var seen = Assert.Single(asViewer.GetProperty("items").EnumerateArray());
        Assert.Equal(mailId, seen.GetProperty("mailId").GetString());
        Assert.Equal("routed", seen.GetProperty("status").GetString());
        Assert.True(asViewer.GetProperty("addressesRedacted").GetBoolean());
        Assert.DoesNotContain("mailflow-test@acme.test", asViewer.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("_invoices@acme.test", asViewer.ToString(), StringComparison.Ordinal);
        var full = Assert.Single(asAdmin.GetProperty("items").EnumerateArray());
        Assert.False(asAdmin.GetProperty("addressesRedacted").GetBoolean());
        Assert.Equal("mailflow-test@acme.test", full.GetProperty("from").GetString());
        Assert.Equal(["_invoices@acme.test"], full.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Search_refuses_an_unknown_status_a_bad_time_a_forged_cursor_and_a_viewers_search_by_address()
    {
        Assert.Equal("invalid-status", await ErrorAsync(await Viewer.GetAsync("/api/messages?status=lost"), HttpStatusCode.BadRequest));
        Assert.Equal("invalid-time", await ErrorAsync(await Viewer.GetAsync("/api/messages?since=yesterday"), HttpStatusCode.BadRequest));
        Assert.Equal("invalid-cursor", await ErrorAsync(await Viewer.GetAsync("/api/messages?cursor=Zm9yZ2Vk"), HttpStatusCode.BadRequest));
        Assert.Equal("invalid-limit", await ErrorAsync(await Viewer.GetAsync("/api/messages?limit=500"), HttpStatusCode.BadRequest));
        Assert.Equal("role-required", await ErrorAsync(await Viewer.GetAsync("/api/messages?q=mailflow-test%40acme.test"), HttpStatusCode.Forbidden));
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync("/api/messages?q=mailflow-test%40acme.test")).StatusCode);
    }

    [Fact]
    public async Task A_mail_timeline_shows_received_stored_routed_and_queued_in_order()
    {
        var mailId = await stack.ReceiveTestMailAsync(Operator, "support");

        var message = await GetJsonAsync(Viewer, $"/api/messages/{mailId}");

        var steps = message.GetProperty("timeline").EnumerateArray().Select(step => step.GetProperty("step").GetString()).ToList();
        Assert.Equal(["received", "stored", "routed", "queued"], steps);
        var queued = message.GetProperty("timeline")[3];
        Assert.Equal(stack.Queues.ForApp("support"), queued.GetProperty("queue").GetString());
        Assert.Equal("message-not-found", await ErrorAsync(await Viewer.GetAsync("/api/messages/nope"), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task An_admin_downloads_the_raw_mail_and_the_download_is_audited()
    {
        var mailId = await stack.ReceiveTestMailAsync(Operator, "invoices");

        var response = await Admin.GetAsync($"/api/messages/{mailId}/raw");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("message/rfc822", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Mailflow-Test: inbound", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var audit = await GetJsonAsync(Viewer, "/api/audit");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), item =>
            item.GetProperty("action").GetString() == "message.raw" && item.GetProperty("target").GetString() == mailId
            && item.GetProperty("actor").GetString() == "ada");
    }

    [Fact]
    public async Task A_replay_runs_the_pipeline_again_and_the_envelope_keeps_its_id()
    {
        var mailId = await stack.ReceiveTestMailAsync(Operator, "support", "Replay me");
        var queue = stack.Queues.ForApp("support");
        var before = await EnvelopeIdsAsync(queue, mailId);

        var response = await Operator.PostAsync($"/api/messages/{mailId}/replay", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        IReadOnlyList<string> after = before;
        while (after.Count < 2 && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(50);
            after = await EnvelopeIdsAsync(queue, mailId);
        }
        Assert.Equal(2, after.Count);
        Assert.Single(after.Distinct());
        Assert.Equal(Assert.Single(before), after[0]);
        var timeline = await GetJsonAsync(Viewer, $"/api/messages/{mailId}");
        var replayed = Assert.Single(timeline.GetProperty("timeline").EnumerateArray(), step => step.GetProperty("step").GetString() == "replayed");
        Assert.Equal("olga", replayed.GetProperty("actor").GetString());
        Assert.Equal("raw-mail-not-found", await ErrorAsync(await Operator.PostAsync("/api/messages/0123456789abcdef0123456789abcdef/replay", null),
            HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Metrics_count_received_and_routed_mail_per_app_with_latency()
    {
        await stack.ReceiveTestMailAsync(Operator, "invoices");

        var summary = await GetJsonAsync(Viewer, "/api/metrics/summary?window=1h");
        var series = await GetJsonAsync(Viewer, "/api/metrics/timeseries?metric=received&window=1h");

        Assert.True(summary.GetProperty("received").GetInt64() >= 1);
        Assert.True(summary.GetProperty("routedPerApp").GetProperty("invoices").GetInt64() >= 1);
        Assert.True(summary.GetProperty("latency").GetProperty("samples").GetInt64() >= 1);
        Assert.NotEqual(JsonValueKind.Null, summary.GetProperty("latency").GetProperty("p95Ms").ValueKind);
        Assert.Equal("1m", series.GetProperty("step").GetString());
        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(60, points.Count);
        Assert.True(points.Sum(point => point.GetProperty("value").GetDouble()) >= 1);
    }

    [Fact]
    public async Task Metrics_refuse_an_unknown_window_metric_or_step_naming_the_valid_ones()
    {
        var window = await Viewer.GetAsync("/api/metrics/summary?window=2h");
        Assert.Equal("invalid-window", await ErrorAsync(window, HttpStatusCode.BadRequest));
        Assert.Equal("invalid-metric", await ErrorAsync(await Viewer.GetAsync("/api/metrics/timeseries?metric=opens"), HttpStatusCode.BadRequest));
        Assert.Equal("invalid-step", await ErrorAsync(await Viewer.GetAsync("/api/metrics/timeseries?metric=sent&window=1h&step=1d"), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Queues_list_every_Mailflow_queue_with_its_dead_letter_queue()
    {
        var queues = (await GetJsonAsync(Viewer, "/api/queues")).GetProperty("queues").EnumerateArray().ToList();

        var invoices = Assert.Single(queues, queue => queue.GetProperty("name").GetString() == stack.Queues.ForApp("invoices"));
        Assert.Equal("app", invoices.GetProperty("kind").GetString());
        Assert.Equal(stack.Queues.ForApp("invoices") + "-dlq", invoices.GetProperty("deadLetterQueue").GetString());
        Assert.Contains(queues, queue => queue.GetProperty("name").GetString() == stack.Queues.Inbound);
        Assert.Contains(queues, queue => queue.GetProperty("name").GetString() == stack.Queues.Outbound);
    }

    [Fact]
    public async Task Browsing_a_queue_leaves_visibility_and_receive_counts_unchanged()
    {
        var mailId = await stack.ReceiveTestMailAsync(Operator, "invoices", "Browse me");
        var queue = stack.Queues.ForApp("invoices");

        var first = await GetJsonAsync(Viewer, $"/api/queues/{queue}/messages?max=100");
        var second = await GetJsonAsync(Viewer, $"/api/queues/{queue}/messages?max=100");

        Assert.Equal("queue", first.GetProperty("source").GetString());
        var looked = first.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("body").GetString()!.Contains(mailId, StringComparison.Ordinal));
        var again = second.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("body").GetString()!.Contains(mailId, StringComparison.Ordinal));
        Assert.Equal(0, looked.GetProperty("receiveCount").GetInt32());
        Assert.Equal(0, again.GetProperty("receiveCount").GetInt32());
        var overview = (await GetJsonAsync(Viewer, "/api/queues")).GetProperty("queues").EnumerateArray()
            .Single(q => q.GetProperty("name").GetString() == queue);
        Assert.Equal(0, overview.GetProperty("inFlight").GetInt64());
        Assert.DoesNotContain("mailflow-test@acme.test", looked.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Contains("m***@acme.test", looked.GetProperty("body").GetString(), StringComparison.Ordinal);
        var asAdmin = await GetJsonAsync(Admin, $"/api/queues/{queue}/messages?max=100");
        Assert.Contains(asAdmin.GetProperty("messages").EnumerateArray(), m => m.GetProperty("body").GetString()!.Contains("mailflow-test@acme.test", StringComparison.Ordinal));
        Assert.Equal("queue-not-found", await ErrorAsync(await Viewer.GetAsync("/api/queues/nope/messages"), HttpStatusCode.NotFound));
        Assert.Equal("invalid-max", await ErrorAsync(await Viewer.GetAsync($"/api/queues/{queue}/messages?max=0"), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_dead_letter_is_redriven_to_its_source_with_progress_and_an_audit_entry()
    {
        var dlq = stack.Queues.Outbound + "-dlq";
        await stack.Backends.QueueClient.SendAsync(stack.Queues.Outbound, new QueueMessage("{ not an envelope", new Dictionary<string, string>()), CancellationToken.None);
        await WaitAsync(async () => (await DepthAsync(dlq)) >= 1);

        var started = await Operator.PostAsJsonAsync($"/api/queues/{dlq}/redrive", new { maxMessagesPerSecond = 10 });

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var task = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement;
        var taskId = task.GetProperty("taskId").GetString();
        Assert.Equal(10, task.GetProperty("maxMessagesPerSecond").GetInt32());
        string? status = null;
        await WaitAsync(async () =>
        {
            var progress = await GetJsonAsync(Viewer, $"/api/queues/{dlq}/redrive/{taskId}");
            status = progress.ToString();
            return progress.GetProperty("status").GetString() == "COMPLETED" && progress.GetProperty("moved").GetInt64() >= 1;
        }, () => status ?? "no progress read");
        Assert.Contains("COMPLETED", status, StringComparison.Ordinal);
        var audit = await GetJsonAsync(Viewer, "/api/audit");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), item =>
            item.GetProperty("action").GetString() == "queue.redrive" && item.GetProperty("target").GetString() == dlq);
        Assert.Equal("not-a-dead-letter-queue", await ErrorAsync(await Operator.PostAsync($"/api/queues/{stack.Queues.Outbound}/redrive", null), HttpStatusCode.Conflict));
        Assert.Equal("invalid-rate", await ErrorAsync(await Operator.PostAsJsonAsync($"/api/queues/{dlq}/redrive", new { maxMessagesPerSecond = 501 }), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_purge_without_the_queue_name_repeated_is_refused_and_deletes_nothing()
    {
        var dlq = stack.Queues.ForApp("support") + "-dlq";
        await stack.Backends.QueueClient.SendAsync(dlq, new QueueMessage("{}", new Dictionary<string, string>()), CancellationToken.None);

        var unconfirmed = await Admin.PostAsync($"/api/queues/{dlq}/purge", null);
        var misspelt = await Admin.PostAsJsonAsync($"/api/queues/{dlq}/purge", new { confirm = "mailflow-apitest-support" });

        Assert.Equal("confirmation-required", await ErrorAsync(unconfirmed, HttpStatusCode.BadRequest));
        Assert.Equal("confirmation-required", await ErrorAsync(misspelt, HttpStatusCode.BadRequest));
        Assert.Equal(1, await DepthAsync(dlq));

        var confirmed = await Admin.PostAsJsonAsync($"/api/queues/{dlq}/purge", new { confirm = dlq });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await confirmed.Content.ReadAsStringAsync()).RootElement.GetProperty("deleted").GetInt64());
        Assert.Equal(0, await DepthAsync(dlq));
        Assert.Equal("invalid-body", await ErrorAsync(await Admin.PostAsync($"/api/queues/{dlq}/purge",
            new StringContent("{confirm:", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task The_switches_change_inbound_state_say_what_it_means_and_are_audited()
    {
        try
        {
            var paused = await PostJsonAsync(Operator, "/api/inbound/pause");
            Assert.Equal("enabled", paused.GetProperty("before").GetProperty("state").GetString());
            Assert.Equal("paused", paused.GetProperty("after").GetProperty("state").GetString());
            Assert.Contains("451", paused.GetProperty("after").GetProperty("consequence").GetString(), StringComparison.Ordinal);
            var refused = await Operator.PostAsJsonAsync("/api/test/inbound", new { app = "invoices" });
            var refusal = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("451 4.3.2", refusal.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal("degraded", (await GetJsonAsync(_host.Anonymous(), "/api/health")).GetProperty("status").GetString());

            Assert.Equal("enabled", (await PostJsonAsync(Operator, "/api/inbound/resume")).GetProperty("after").GetProperty("state").GetString());
            var disabled = await PostJsonAsync(Admin, "/api/inbound/disable");
            Assert.Equal("disabled", disabled.GetProperty("after").GetProperty("state").GetString());
            Assert.Contains("550", disabled.GetProperty("after").GetProperty("consequence").GetString(), StringComparison.Ordinal);
            Assert.Equal("disabled", (await GetJsonAsync(Viewer, "/api/inbound")).GetProperty("state").GetString());
        }
        finally
        {
            Assert.Equal("enabled", (await PostJsonAsync(Admin, "/api/inbound/enable")).GetProperty("after").GetProperty("state").GetString());
        }
        var actions = (await GetJsonAsync(Viewer, "/api/audit?limit=20")).GetProperty("items").EnumerateArray()
            .Select(item => (item.GetProperty("action").GetString(), item.GetProperty("actor").GetString())).ToList();
        Assert.Contains(("inbound.pause", "olga"), actions);
        Assert.Contains(("inbound.disable", "ada"), actions);
        Assert.Contains(("inbound.enable", "ada"), actions);
    }

    [Fact]
    public async Task Config_shows_the_effective_configuration()
    {
        var config = await GetJsonAsync(Viewer, "/api/config");

        Assert.Equal("apitest", config.GetProperty("environment").GetString());
        Assert.Equal(["invoices", "support"], config.GetProperty("apps").EnumerateArray().Select(app => app.GetProperty("name").GetString()));
        Assert.Equal(600, config.GetProperty("api").GetProperty("requestsPerMinute").GetInt32());
    }

    [Fact]
    public async Task Effective_config_shows_each_apps_addresses_merged_policy_and_queues_to_a_viewer()
    {
        var effective = await GetJsonAsync(Viewer, "/api/config/effective");

        var invoices = effective.GetProperty("apps")[0];
        Assert.Equal(["_invoices@acme.test"], invoices.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(stack.Queues.ForApp("invoices"), invoices.GetProperty("queue").GetString());
        Assert.Equal("quarantine", invoices.GetProperty("policy").GetProperty("verdicts").GetProperty("dmarc").GetProperty("FAIL").GetString());
        Assert.Equal(40L * 1024 * 1024, effective.GetProperty("global").GetProperty("limits").GetProperty("maxMessageBytes").GetInt64());
        Assert.Equal(stack.Queues.Quarantine, effective.GetProperty("unroutable").GetProperty("queue").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Anonymous().GetAsync("/api/config/effective")).StatusCode);
    }

    [Fact]
    public async Task A_test_outbound_envelope_is_sent_and_its_timeline_shows_it()
    {
        var response = await Operator.PostAsJsonAsync("/api/test/outbound", new { app = "invoices", to = "someone@example.org", subject = "Outbound test" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var mailId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("mailId").GetString()!;
        await stack.WaitForStatusAsync(mailId, "sent");
        var message = await GetJsonAsync(Admin, $"/api/messages/{mailId}");
        Assert.Equal("outbound", message.GetProperty("summary").GetProperty("direction").GetString());
        Assert.Equal(["someone@example.org"], message.GetProperty("summary").GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("app-not-found", await ErrorAsync(await Operator.PostAsJsonAsync("/api/test/outbound", new { app = "payroll", to = "a@b.org" }), HttpStatusCode.NotFound));
        Assert.Equal("invalid-recipient", await ErrorAsync(await Operator.PostAsJsonAsync("/api/test/outbound", new { app = "invoices", to = "nobody" }), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task An_attachment_link_downloads_the_stored_bytes_and_a_tampered_one_is_refused()
    {
        var mime = """
            From: a@example.org
            To: _invoices@acme.test
            Subject: with attachment
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            see attached
            --b
            Content-Type: text/csv; name=rows.csv
            Content-Disposition: attachment; filename=rows.csv

            a,b
            1,2
            --b--
            """.ReplaceLineEndings("\r\n");
        var mailId = await stack.Backends.Archive.InjectAsync(new MemoryStream(Encoding.ASCII.GetBytes(mime)), "a@example.org", ["_invoices@acme.test"], CancellationToken.None);
        await stack.WaitForStatusAsync(mailId, "routed");
        var envelope = (await GetJsonAsync(Viewer, $"/api/queues/{stack.Queues.ForApp("invoices")}/messages?max=100")).GetProperty("messages").EnumerateArray()
            .Select(m => JsonDocument.Parse(m.GetProperty("body").GetString()!).RootElement)
            .Single(body => body.GetProperty("sesMessageId").GetString() == mailId);
        var url = new Uri(envelope.GetProperty("attachments")[0].GetProperty("url").GetString()!);

        var download = await _host.Anonymous().GetAsync(url.PathAndQuery);
        var tampered = await _host.Anonymous().GetAsync(url.PathAndQuery.Replace("token=", "token=x", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("a,b\r\n1,2", (await download.Content.ReadAsStringAsync()).TrimEnd());
        Assert.Equal("link-invalid", await ErrorAsync(tampered, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task An_unknown_API_path_answers_404_in_JSON()
    {
        Assert.Equal("not-found", await ErrorAsync(await Viewer.GetAsync("/api/nothing/here"), HttpStatusCode.NotFound));
    }

    private async Task<IReadOnlyList<string>> EnvelopeIdsAsync(string queue, string mailId)
    {
        var browse = await stack.Backends.Queues.BrowseAsync(queue, 100, CancellationToken.None);
        return [.. browse!.Messages.Select(m => JsonDocument.Parse(m.Body).RootElement)
            .Where(body => body.GetProperty("sesMessageId").GetString() == mailId)
            .Select(body => body.GetProperty("id").GetString()!)];
    }

    private async Task<long> DepthAsync(string queue) =>
        (await stack.Backends.Queues.ListAsync(CancellationToken.None)).Single(q => q.Name == queue) is var q ? q.Visible + q.InFlight + q.Delayed : 0;

    private static async Task WaitAsync(Func<Task<bool>> condition, Func<string>? state = null)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"The condition did not hold within 30 s. {state?.Invoke()}");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> PostJsonAsync(HttpClient client, string path)
    {
        var response = await client.PostAsync(path, null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("error").GetString();
    }
}
