namespace Mailflow.Core.Ses;

/// <summary>The <c>mail</c> object of an SES receipt notification.</summary>
public sealed record SesMail
{
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The envelope sender (MAIL FROM).</summary>
    public string Source { get; set; } = "";

    /// <summary>SES's id for the mail, unique per received message and stable across redeliveries.</summary>
    public required string MessageId { get; set; }

    public IReadOnlyList<string> Destination { get; set; } = [];
}
