using System.Net.Security;

namespace Mailflow.Local.Outbound;

/// <summary>How <see cref="SmtpRelaySender"/> uses its relay; the relay itself is <c>outbound.relay</c> in mailflow.json.</summary>
public sealed record SmtpRelaySenderOptions
{
    /// <summary>
    /// Connections kept open to the relay, and so sends in flight at once (a MailKit SmtpClient carries one SMTP
    /// transaction at a time). The outbound worker sends from several tasks; more callers than this wait for a connection.
    /// </summary>
    public int MaxConnections { get; init; } = 8;

    /// <summary>How long one connect, command or reply may take before the send fails as transient.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A pooled connection idle for longer is closed instead of reused. Servers drop idle clients (RFC 5321 §4.5.3.2.7
    /// suggests 5 minutes, busy relays use less); closing first saves a failed attempt on a dead connection.
    /// </summary>
    public TimeSpan MaxIdleTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The name sent with EHLO; null lets MailKit send the local address as an address literal.</summary>
    public string? LocalDomain { get; init; }

    /// <summary>
    /// Decides whether to trust the relay's TLS certificate. Null: the system trust store decides, as it should for a
    /// real relay. Set it for a relay whose certificate comes from a private CA (and in tests, for a self-signed one).
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }
}
