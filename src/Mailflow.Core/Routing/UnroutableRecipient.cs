namespace Mailflow.Core.Routing;

/// <summary>A recipient no app takes, and why.</summary>
public sealed record UnroutableRecipient(string Recipient, string Reason);
