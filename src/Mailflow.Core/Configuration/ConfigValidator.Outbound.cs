using System.Text.RegularExpressions;

namespace Mailflow.Core.Configuration;

/// <summary>The rules of <c>$.outbound</c>: sending limits, rate limits and the local-mode SMTP relay.</summary>
public static partial class ConfigValidator
{
    // SES v2 SendEmail takes at most 50 recipients (To, Cc and Bcc together) per message:
    // https://docs.aws.amazon.com/ses/latest/dg/quotas.html
    private const int SesMaxRecipients = 50;

    private static void ValidateOutbound(OutboundConfig outbound, Action<string, string> problem)
    {
        if (outbound.IdempotencyTtlHours is < 1 or > 720)
        {
            problem("$.outbound.idempotencyTtlHours", $"{outbound.IdempotencyTtlHours} is out of range; use 1 to 720 hours (30 days).");
        }
        if (outbound.MaxRecipients is < 1 or > SesMaxRecipients)
        {
            problem("$.outbound.maxRecipients", $"{outbound.MaxRecipients} is out of range; use 1 to {SesMaxRecipients} (SES v2 sends a message to at most {SesMaxRecipients} recipients, To, Cc and Bcc together).");
        }
        if (outbound.MaxMessageBytes is < 1024 or > SesMaxMessageBytes)
        {
            problem("$.outbound.maxMessageBytes", $"{outbound.MaxMessageBytes} is out of range; use 1024 to {SesMaxMessageBytes} (40 MiB, the largest message SES v2 sends).");
        }
        if (outbound.MaxAttachmentBytes < 1)
        {
            problem("$.outbound.maxAttachmentBytes", $"{outbound.MaxAttachmentBytes} is out of range; use 1 to $.outbound.maxMessageBytes.");
        }
        else if (outbound.MaxAttachmentBytes > outbound.MaxMessageBytes)
        {
            problem("$.outbound.maxAttachmentBytes", $"{outbound.MaxAttachmentBytes} is larger than $.outbound.maxMessageBytes ({outbound.MaxMessageBytes}); an attachment travels inside the message, so lower this or raise maxMessageBytes (base64 makes an attachment a third larger in the message).");
        }
        if (outbound.MaxHops is < 1 or > 20)
        {
            problem("$.outbound.maxHops", $"{outbound.MaxHops} is out of range; use 1 to 20 (a conversation between people passes Mailflow a few times; a loop between two auto-replying apps passes it without end).");
        }

        if (outbound.RateLimits is null)
        {
            problem("$.outbound.rateLimits", "is null; remove the property to use the defaults, or give an object.");
        }
        else
        {
            ValidateRateLimit("$.outbound.rateLimits.perApp", outbound.RateLimits.PerApp, problem);
            ValidateRateLimit("$.outbound.rateLimits.perRecipientDomain", outbound.RateLimits.PerRecipientDomain, problem);
        }

        // null is the same as absent: no relay, mail is captured to the outbox directory.
        if (outbound.Relay is not null)
        {
            ValidateRelay(outbound.Relay, problem);
        }
    }

    private static void ValidateRateLimit(string path, RateLimitConfig? limit, Action<string, string> problem)
    {
        if (limit is null)
        {
            problem(path, "is null; remove the property to use the defaults, or give {\"perSecond\": ..., \"burst\": ...}.");
            return;
        }
        // Written as "not in range" so that NaN, which a config built in code could hold, is refused too.
        if (limit.PerSecond is not (> 0 and <= 1000))
        {
            problem($"{path}.perSecond", $"{limit.PerSecond} is out of range; use more than 0 and at most 1000 mails per second (a missing perSecond reads as 0: give both perSecond and burst).");
        }
        if (limit.Burst is < 1 or > 10_000)
        {
            problem($"{path}.burst", $"{limit.Burst} is out of range; use 1 to 10000 mails (a missing burst reads as 0: give both perSecond and burst).");
        }
    }

    private static void ValidateRelay(RelayConfig relay, Action<string, string> problem)
    {
        const string Path = "$.outbound.relay";
        if (string.IsNullOrWhiteSpace(relay.Host))
        {
            problem($"{Path}.host", "a relay needs a host; give the SMTP server's name or IP address, or remove $.outbound.relay to capture outgoing mail to the outbox directory.");
        }
        else if (Uri.CheckHostName(relay.Host) == UriHostNameType.Unknown)
        {
            problem($"{Path}.host", $"'{relay.Host}' is not a host name or IP address; write it like smtp.example.com or 127.0.0.1, without a scheme or port.");
        }
        if (relay.Port is < 1 or > 65535)
        {
            problem($"{Path}.port", $"{relay.Port} is out of range; use 1 to 65535 (usually 25, 587 with starttls, or 465 with tls).");
        }
        if (relay.Security is not (RelayConfig.SecurityNone or RelayConfig.SecurityStartTls or RelayConfig.SecurityTls))
        {
            problem($"{Path}.security", $"'{relay.Security}' is not a security mode; use \"none\", \"starttls\" (RFC 3207) or \"tls\" (implicit TLS, RFC 8314).");
        }

        var variable = relay.PasswordEnvironmentVariable;
        if (relay.Username is { } username && string.IsNullOrWhiteSpace(username))
        {
            problem($"{Path}.username", "is empty; give the user name the relay expects, or remove it together with passwordEnvironmentVariable.");
        }
        else if (relay.Username is not null && variable is null)
        {
            problem($"{Path}.passwordEnvironmentVariable", "a username needs a password; name the environment variable that holds it, e.g. \"MAILFLOW_RELAY_PASSWORD\" (the password itself never goes in mailflow.json).");
        }
        if (variable is null)
        {
            return;
        }
        if (relay.Username is null)
        {
            problem($"{Path}.passwordEnvironmentVariable", "a password is only used with a username; add $.outbound.relay.username, or remove this.");
        }
        // The value is not echoed: someone may have written the password itself here.
        if (!EnvironmentVariableName().IsMatch(variable))
        {
            problem($"{Path}.passwordEnvironmentVariable", "is not an environment variable name (the value is not shown in case it is the password); give the name of the variable that holds the password: letters, digits and underscores, not starting with a digit, e.g. MAILFLOW_RELAY_PASSWORD.");
        }
    }

    // The portable names of POSIX.1-2017 §8.1 (letters, digits, underscore; no leading digit), lower case allowed.
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentVariableName();
}
