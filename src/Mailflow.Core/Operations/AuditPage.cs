using Mailflow.Core.Ports;

namespace Mailflow.Core.Operations;

/// <summary>Audit entries, newest first; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record AuditPage(IReadOnlyList<LedgerEntry> Items, string? NextCursor);
