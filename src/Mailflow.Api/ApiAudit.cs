using System.Security.Claims;
using Mailflow.Api.Auth;
using Mailflow.Core.Operations;
using Mailflow.Core.Ports;

namespace Mailflow.Api;

/// <summary>
/// Writes every operator and admin action to the ledger as an <see cref="LedgerEvent.Audit"/> entry (who, what, when)
/// before the action's answer is sent. The entry's mail id is the action's own id; <see cref="LedgerEntry.ReasonCode"/>
/// is the action, <see cref="LedgerEntry.Queue"/> or <see cref="LedgerEntry.EnvelopeId"/> its target.
/// </summary>
public sealed class ApiAudit(OperationsBackends backends)
{
    public const string IdPrefix = "audit-";

    public Task RecordAsync(ClaimsPrincipal user, string action, string? queue, string? mailId, string detail, CancellationToken cancellationToken)
    {
        var now = backends.Time.GetUtcNow();
        var id = IdPrefix + Guid.CreateVersion7(now).ToString("N");
        return backends.Ledger.RecordAsync(
            new LedgerEntry(id, LedgerEvent.Audit, now, EnvelopeId: mailId, Queue: queue, ReasonCode: action, Reason: detail, Actor: Caller.Subject(user)),
            cancellationToken);
    }
}
