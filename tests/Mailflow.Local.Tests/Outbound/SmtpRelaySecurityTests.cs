using Mailflow.Core.Configuration;
using Mailflow.Core.Ports;
using Mailflow.Local.Outbound;
using Microsoft.Extensions.Logging.Testing;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>outbound.relay.security and credentials: STARTTLS (RFC 3207), implicit TLS (RFC 8314), AUTH (RFC 4954).</summary>
public sealed class SmtpRelaySecurityTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Starttls_required_against_a_relay_without_it_defers_and_sends_nothing_in_clear_text()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var relay = new RelayUnderTest(sink.Port, RelayConfig.SecurityStartTls);

        var deferred = await Assert.ThrowsAsync<MailDeferredException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), CancellationToken.None));

        Assert.Contains("does not offer STARTTLS (RFC 3207)", deferred.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Mails);
    }

    [Fact]
    public async Task Starttls_upgrades_the_connection_before_the_mail_goes_out()
    {
        using var certificate = new TestCertificate();
        await using var sink = await SmtpSink.StartAsync(certificate.SinkOptions);
        await using var relay = new RelayUnderTest(sink.Port, RelayConfig.SecurityStartTls,
            new SmtpRelaySenderOptions { Timeout = s_timeout, ServerCertificateValidation = certificate.Validate });

        await relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), CancellationToken.None);

        Assert.Single(sink.Mails);
        Assert.Contains(relay.Logger.Collector.GetSnapshot(), r => r.Id.Id == 3305 && r.Message.Contains("encrypted True", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Starttls_with_a_certificate_nobody_trusts_defers_and_sends_nothing()
    {
        using var certificate = new TestCertificate();
        await using var sink = await SmtpSink.StartAsync(certificate.SinkOptions);
        await using var relay = new RelayUnderTest(sink.Port, RelayConfig.SecurityStartTls);

        var deferred = await Assert.ThrowsAsync<MailDeferredException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), CancellationToken.None));

        Assert.Contains("TLS handshake", deferred.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Mails);
    }

    [Fact]
    public async Task Implicit_tls_speaks_TLS_from_the_first_byte()
    {
        using var certificate = new TestCertificate();
        await using var sink = await SmtpSink.StartAsync([.. certificate.SinkOptions, "--implicit-tls"]);
        await using var relay = new RelayUnderTest(sink.Port, RelayConfig.SecurityTls,
            new SmtpRelaySenderOptions { Timeout = s_timeout, ServerCertificateValidation = certificate.Validate });

        await relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), CancellationToken.None);

        Assert.Single(sink.Mails);
    }

    [Fact]
    public async Task The_sender_authenticates_with_the_password_from_the_named_environment_variable()
    {
        var variable = NewPasswordVariable("s3cret-pw");
        await using var sink = await SmtpSink.StartAsync("--auth", "mailflow:s3cret-pw");
        await using var relay = new RelayUnderTest(sink.Port, username: "mailflow", passwordVariable: variable);

        await relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), CancellationToken.None);

        Assert.Equal("mailflow", Assert.Single(sink.Mails).AuthLogin);
        Assert.DoesNotContain("s3cret-pw", relay.AllLogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_the_relay_refuses_defer_the_mail()
    {
        var variable = NewPasswordVariable("wrong");
        await using var sink = await SmtpSink.StartAsync("--auth", "mailflow:s3cret-pw");
        await using var relay = new RelayUnderTest(sink.Port, username: "mailflow", passwordVariable: variable);

        var deferred = await Assert.ThrowsAsync<MailDeferredException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), CancellationToken.None));

        Assert.Contains("refused the configured credentials", deferred.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Mails);
    }

    [Fact]
    public async Task A_relay_that_requires_authentication_defers_a_sender_without_credentials()
    {
        await using var sink = await SmtpSink.StartAsync("--auth", "mailflow:s3cret-pw");
        await using var relay = new RelayUnderTest(sink.Port);

        var deferred = await Assert.ThrowsAsync<MailDeferredException>(() =>
            relay.Sender.SendAsync(Mails.Simple("out-1", Mails.From, "ann@buyer.example"), CancellationToken.None));

        Assert.Equal(530, deferred.StatusCode);
        Assert.Empty(sink.Mails);
    }

    [Fact]
    public void A_missing_password_variable_stops_the_sender_at_construction()
    {
        var relay = new RelayConfig { Host = "127.0.0.1", Port = 2525, Username = "mailflow", PasswordEnvironmentVariable = $"MAILFLOW_TEST_UNSET_{Guid.NewGuid():N}" };

        var error = Assert.Throws<InvalidOperationException>(() => Create(relay));

        Assert.Contains(relay.PasswordEnvironmentVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("is not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("smtp.example.net", "none", "mailflow", true, "would cross the network readable")]
    [InlineData("127.0.0.1", "ssl", null, false, "\"ssl\"")]
    [InlineData("", "none", null, false, "host is empty")]
    [InlineData("127.0.0.1", "none", null, true, "without outbound.relay.username")]
    [InlineData("127.0.0.1", "none", "mailflow", false, "passwordEnvironmentVariable is not")]
    public void Unusable_relay_settings_stop_the_sender_at_construction(string host, string security, string? username, bool withPassword, string expected)
    {
        var relay = new RelayConfig
        {
            Host = host,
            Security = security,
            Username = username,
            PasswordEnvironmentVariable = withPassword ? NewPasswordVariable("pw") : null,
        };

        var error = Assert.Throws<InvalidOperationException>(() => Create(relay));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static SmtpRelaySender Create(RelayConfig relay) =>
        new(relay, new SmtpRelaySenderOptions(), TimeProvider.System, new FakeLogger<SmtpRelaySender>());

    /// <summary>A process environment variable of its own per test (tests run in parallel).</summary>
    private static string NewPasswordVariable(string password)
    {
        var name = $"MAILFLOW_TEST_RELAY_PASSWORD_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, password);
        return name;
    }
}
