namespace Mailflow.Core.Envelopes;

/// <summary>The five SES verdict statuses, as SES spells them.</summary>
public sealed record EnvelopeVerdicts(string Spf, string Dkim, string Dmarc, string Spam, string Virus);
