namespace Mailflow.Core.Envelopes;

/// <summary>A mailbox from a header: address and display name (null when absent).</summary>
public sealed record EnvelopeAddress(string Address, string? Name);
