using System.Globalization;
using System.Net;
using MailKit.Security;
using Mailflow.Core.Configuration;

namespace Mailflow.Local.Outbound;

/// <summary>
/// Reads <see cref="RelayConfig"/> once, when the sender is built, so that a bad setting or a missing password variable
/// stops <c>mailflow run</c> at start with a message that says what to fix, instead of failing every mail later.
/// </summary>
internal static class RelaySettings
{
    public static string Describe(RelayConfig relay)
    {
        if (string.IsNullOrWhiteSpace(relay.Host))
        {
            throw new InvalidOperationException("outbound.relay.host is empty: name the SMTP relay to send through, or remove outbound.relay to capture mail to the outbox.");
        }
        if (relay.Port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"outbound.relay.port is {relay.Port}: it must be between 1 and 65535.");
        }
        return string.Create(CultureInfo.InvariantCulture, $"{relay.Host}:{relay.Port}");
    }

    public static SecureSocketOptions SecurityOf(RelayConfig relay) => relay.Security switch
    {
        RelayConfig.SecurityNone => SecureSocketOptions.None,
        RelayConfig.SecurityStartTls => SecureSocketOptions.StartTls,
        RelayConfig.SecurityTls => SecureSocketOptions.SslOnConnect,
        _ => throw new InvalidOperationException(
            $"outbound.relay.security is \"{relay.Security}\": use \"{RelayConfig.SecurityNone}\", \"{RelayConfig.SecurityStartTls}\" (RFC 3207) "
            + $"or \"{RelayConfig.SecurityTls}\" (implicit TLS, RFC 8314)."),
    };

    /// <summary>
    /// The credentials, or null without a username. The password comes from the environment variable the config names
    /// (secrets never live in mailflow.json). Refused over plain SMTP unless the relay is on this machine: AUTH PLAIN and
    /// LOGIN send the password readable (RFC 4954 §4, RFC 4616 §4).
    /// </summary>
    public static NetworkCredential? CredentialsOf(RelayConfig relay, SecureSocketOptions security)
    {
        if (string.IsNullOrEmpty(relay.Username))
        {
            if (!string.IsNullOrEmpty(relay.PasswordEnvironmentVariable))
            {
                throw new InvalidOperationException("outbound.relay.passwordEnvironmentVariable is set without outbound.relay.username: set both, or neither.");
            }
            return null;
        }
        if (string.IsNullOrEmpty(relay.PasswordEnvironmentVariable))
        {
            throw new InvalidOperationException("outbound.relay.username is set but outbound.relay.passwordEnvironmentVariable is not: name the environment variable that holds the password.");
        }
        var password = Environment.GetEnvironmentVariable(relay.PasswordEnvironmentVariable);
        if (string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException($"The environment variable {relay.PasswordEnvironmentVariable} (outbound.relay.passwordEnvironmentVariable) is not set: export the relay password in it before starting Mailflow.");
        }
        if (security == SecureSocketOptions.None && !IsLoopback(relay.Host))
        {
            throw new InvalidOperationException($"outbound.relay.security is \"none\" but the relay {relay.Host} is not on this machine: the password would cross the network readable. Use \"starttls\" or \"tls\".");
        }
        return new NetworkCredential(relay.Username, password);
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
