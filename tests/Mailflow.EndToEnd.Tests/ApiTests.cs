using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;

using Mailflow.Testing.Processes;

namespace Mailflow.EndToEnd.Tests;

/// <summary>
/// The JWT-protected API of a real <c>mailflow run</c>, called over HTTP with tokens printed by the real
/// <c>mailflow token</c>, and checked against what SMTP clients see.
/// </summary>
public sealed class ApiTests : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
    private MailflowProcess _mailflow = null!;

    public async Task InitializeAsync() => _mailflow = await MailflowProcess.StartAsync();

    public async Task DisposeAsync() => await _mailflow.DisposeAsync();

    [Fact]
    public async Task A_viewer_token_reads_the_queues_and_is_refused_pausing_inbound_with_403()
    {
        var viewer = await _mailflow.TokenAsync("viewer");

        using var queues = await _mailflow.ApiAsync(HttpMethod.Get, "/api/queues", viewer);
        using var pause = await _mailflow.ApiAsync(HttpMethod.Post, "/api/inbound/pause", viewer);
        var smtp = await ExternalTool.SwaksAsync(_mailflow.SmtpPort, "--from", "ann@sender.example", "--to", "_app1@example.com");

        Assert.Equal(HttpStatusCode.OK, queues.StatusCode);
        Assert.Equal(10, JsonDocument.Parse(await queues.Content.ReadAsStringAsync()).RootElement.GetProperty("queues").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, pause.StatusCode);
        Assert.Equal(0, smtp.ExitCode);
    }

    [Fact]
    public async Task A_request_without_a_token_gets_401_with_a_bearer_challenge()
    {
        using var queues = await _mailflow.ApiAsync(HttpMethod.Get, "/api/queues", token: null);
        using var forged = await _mailflow.ApiAsync(HttpMethod.Get, "/api/queues", "not.a.token");

        Assert.Equal(HttpStatusCode.Unauthorized, queues.StatusCode);
        Assert.StartsWith("Bearer", queues.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.StartsWith("Bearer", forged.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_token_pauses_inbound_so_smtplib_gets_451_4_3_2_and_resume_restores_250()
    {
        var operatorToken = await _mailflow.TokenAsync("operator");

        using var pause = await _mailflow.ApiAsync(HttpMethod.Post, "/api/inbound/pause", operatorToken);
        var paused = await SmtplibAsync("Paused");
        using var resume = await _mailflow.ApiAsync(HttpMethod.Post, "/api/inbound/resume", operatorToken);
        var resumed = await SmtplibAsync("Resumed");

        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.True(paused.ExitCode == 0, paused.All);
        Assert.StartsWith("451 4.3.2", paused.Stdout, StringComparison.Ordinal);
        Assert.True(resumed.ExitCode == 0, resumed.All);
        Assert.StartsWith("250 ", resumed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_JWKS_serves_the_public_key_the_token_names()
    {
        var token = await _mailflow.TokenAsync("viewer");
        var header = JsonDocument.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[0]))).RootElement;

        using var jwks = await _mailflow.ApiAsync(HttpMethod.Get, "/.well-known/jwks.json", token: null);

        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        var key = Assert.Single(JsonDocument.Parse(await jwks.Content.ReadAsStringAsync()).RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal(header.GetProperty("kid").GetString(), key.GetProperty("kid").GetString());
        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.False(key.TryGetProperty("d", out _), "the JWKS must not publish the private key");
    }

    [Fact]
    public async Task A_mail_sent_over_SMTP_shows_in_messages_with_its_timeline_redacted_for_a_viewer_and_in_full_for_an_admin()
    {
        var swaks = await ExternalTool.SwaksAsync(_mailflow.SmtpPort, "--from", "ann@sender.example", "--to", "_app1@example.com",
            "--header", "Subject: Ledger e2e");
        Assert.Equal(0, swaks.ExitCode);

        var viewerItem = await WaitForRoutedAsync("viewer");
        var adminItem = await WaitForRoutedAsync("admin");
        var id = adminItem.GetProperty("mailId").GetString()!;
        var viewerMail = await _mailflow.ApiGetAsync($"/api/messages/{Uri.EscapeDataString(id)}", "viewer");
        var adminMail = await _mailflow.ApiGetAsync($"/api/messages/{Uri.EscapeDataString(id)}", "admin");
        var summary = await _mailflow.ApiGetAsync("/api/metrics/summary?window=1h", "viewer");

        Assert.Equal("a***@sender.example", viewerItem.GetProperty("from").GetString());
        Assert.Equal(["_***@example.com"], viewerItem.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("ann@sender.example", adminItem.GetProperty("from").GetString());
        Assert.Equal(["_app1@example.com"], adminItem.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        Assert.True(viewerMail.GetProperty("addressesRedacted").GetBoolean());
        Assert.Equal("a***@sender.example", viewerMail.GetProperty("summary").GetProperty("from").GetString());
        Assert.False(adminMail.GetProperty("addressesRedacted").GetBoolean());
        Assert.Equal("ann@sender.example", adminMail.GetProperty("summary").GetProperty("from").GetString());
        var steps = adminMail.GetProperty("timeline").EnumerateArray().Select(s => s.GetProperty("step").GetString()).ToList();
        Assert.Equal(["received", "stored", "routed", "queued"], steps);
        var queued = adminMail.GetProperty("timeline").EnumerateArray().Last();
        Assert.Equal("app1", queued.GetProperty("app").GetString());
        Assert.Equal("mailflow-local-app1", queued.GetProperty("queue").GetString());
        Assert.Equal(1, summary.GetProperty("received").GetInt64());
        Assert.Equal(1, summary.GetProperty("routed").GetInt64());
        Assert.Equal(1, summary.GetProperty("routedPerApp").GetProperty("app1").GetInt64());
    }

    private async Task<JsonElement> WaitForRoutedAsync(string role)
    {
        using var deadline = new CancellationTokenSource(s_wait);
        while (!deadline.IsCancellationRequested)
        {
            var page = await _mailflow.ApiGetAsync("/api/messages?status=routed", role);
            if (page.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("subject").GetString() == "Ledger e2e") is { ValueKind: JsonValueKind.Object } item)
            {
                Assert.Equal(role != "admin", page.GetProperty("addressesRedacted").GetBoolean());
                return item;
            }
            await Task.Delay(300);
        }
        throw new TimeoutException("the mail never showed as routed in GET /api/messages:\n" + string.Join("\n", _mailflow.Output));
    }

    private Task<ExternalTool.Result> SmtplibAsync(string subject)
    {
        var script = $$"""
            import smtplib
            from email.message import EmailMessage
            m = EmailMessage()
            m["From"] = "ann@sender.example"
            m["To"] = "_app1@example.com"
            m["Subject"] = "{{subject}}"
            m.set_content("hello")
            # Step by step, so that the reply that decides (MAIL, RCPT or the end of DATA) is printed as the server sent it.
            with smtplib.SMTP("127.0.0.1", {{_mailflow.SmtpPort}}, timeout=30) as s:
                s.ehlo()
                code, text = s.mail("ann@sender.example")
                if code == 250:
                    code, text = s.rcpt("_app1@example.com")
                if code == 250:
                    code, text = s.data(m.as_bytes())
                print(code, text.decode())
            """;
        return ExternalTool.RunAsync("/usr/bin/python3", ["-"], script);
    }
}
