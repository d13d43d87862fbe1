namespace Mailflow.Core.Configuration;

/// <summary>An SMTP relay for local mode (any server: a test sink, a company smarthost).</summary>
public sealed record RelayConfig
{
    public const string SecurityNone = "none";
    public const string SecurityStartTls = "starttls";
    public const string SecurityTls = "tls";

    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;

    /// <summary><c>none</c> (plain SMTP), <c>starttls</c> (upgrade required, RFC 3207) or <c>tls</c> (implicit TLS, RFC 8314).</summary>
    public string Security { get; set; } = SecurityNone;

    public string? Username { get; set; }

    /// <summary>The name of the environment variable that holds the password: secrets never live in mailflow.json.</summary>
    public string? PasswordEnvironmentVariable { get; set; }
}
