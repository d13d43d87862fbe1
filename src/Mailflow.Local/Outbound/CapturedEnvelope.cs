namespace Mailflow.Local.Outbound;

/// <summary>The SMTP envelope of a captured mail (<c>outbox/{mailId}.envelope.json</c>), which the .eml cannot show: Bcc recipients are only here.</summary>
public sealed record CapturedEnvelope(string EnvelopeFrom, IReadOnlyList<string> Recipients, DateTimeOffset CapturedAt);
