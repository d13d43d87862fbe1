namespace Mailflow.Local.Storage;

/// <summary>The SMTP envelope of a stored mail and when it arrived.</summary>
public sealed record StoredEnvelope(string MailFrom, IReadOnlyList<string> Recipients, DateTimeOffset ReceivedAt);
