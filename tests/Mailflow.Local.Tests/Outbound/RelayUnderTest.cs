using Mailflow.Core.Configuration;
using Mailflow.Local.Outbound;
using Microsoft.Extensions.Logging.Testing;

namespace Mailflow.Local.Tests.Outbound;

/// <summary>An <see cref="SmtpRelaySender"/> pointed at a sink (or any port), with a logger the test can read.</summary>
internal sealed class RelayUnderTest : IAsyncDisposable
{
    public RelayUnderTest(int port, string security = RelayConfig.SecurityNone, SmtpRelaySenderOptions? options = null,
        TimeProvider? time = null, string? username = null, string? passwordVariable = null)
    {
        var relay = new RelayConfig
        {
            Host = "127.0.0.1",
            Port = port,
            Security = security,
            Username = username,
            PasswordEnvironmentVariable = passwordVariable,
        };
        Sender = new SmtpRelaySender(relay, options ?? new SmtpRelaySenderOptions { Timeout = TimeSpan.FromSeconds(10) },
            time ?? TimeProvider.System, Logger);
    }

    public FakeLogger<SmtpRelaySender> Logger { get; } = new();

    public SmtpRelaySender Sender { get; }

    /// <summary>Every log line with its message and structured values, for PII scans.</summary>
    public string AllLogText => string.Join('\n', Logger.Collector.GetSnapshot().Select(r =>
        $"{r.Message} {string.Join(' ', r.StructuredState?.Select(s => s.Value) ?? [])} {r.Exception}"));

    public ValueTask DisposeAsync() => Sender.DisposeAsync();
}
