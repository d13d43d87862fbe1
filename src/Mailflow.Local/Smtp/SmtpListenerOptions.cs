using System.Net;
using Mailflow.Core.Policy;

namespace Mailflow.Local.Smtp;

/// <summary>Settings of the <see cref="SmtpListener"/>. The defaults suit <c>mailflow run</c> on a laptop.</summary>
public sealed class SmtpListenerOptions
{
    /// <summary>Where to listen. Port 0 binds a free port; <see cref="SmtpListener.LocalEndPoint"/> says which.</summary>
    public IPEndPoint Endpoint { get; init; } = new(IPAddress.Loopback, 2525);

    /// <summary>The name the server gives itself in the greeting, the EHLO reply and 421/221 replies.</summary>
    public string ServerName { get; init; } = "localhost";

    /// <summary>Largest message accepted, in octets after dot-unstuffing; advertised as <c>SIZE</c> (RFC 1870).</summary>
    public long MaxMessageBytes { get; init; } = EffectiveLimits.DefaultMaxMessageBytes;

    /// <summary>Recipients accepted per mail; the next one gets 452 4.5.3 (RFC 5321 §4.5.3.1.10).</summary>
    public int MaxRecipients { get; init; } = 100;

    /// <summary>Concurrent sessions; a connection beyond them gets 421 4.7.0 and is closed.</summary>
    public int MaxSessions { get; init; } = 100;

    /// <summary>
    /// How long the server waits for the client's next command, data chunk or reply read before it answers
    /// 421 4.4.2 and closes. RFC 5321 §4.5.3.2.7 asks for at least 5 minutes.
    /// </summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Directory of the DATA spool files (deleted on close); null means the system temp directory.</summary>
    public string? SpoolDirectory { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(ServerName);
        if (ServerName.Any(c => c <= ' ' || c > '~'))
        {
            throw new ArgumentException($"ServerName '{ServerName}' must be a host name: printable ASCII without spaces.", nameof(ServerName));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxMessageBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxRecipients);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSessions);
        if (CommandTimeout <= TimeSpan.Zero && CommandTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(CommandTimeout), CommandTimeout, "CommandTimeout must be positive (or Timeout.InfiniteTimeSpan).");
        }
    }
}
