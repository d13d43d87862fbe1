namespace Mailflow.Core.Envelopes;

/// <summary>Why an envelope is in quarantine: a stable code and a sentence for the operator.</summary>
public sealed record QuarantineInfo(string ReasonCode, string Reason);
