namespace Mailflow.Core.Ports;

/// <summary>The record of what happened to every mail: the source of the timeline, search and metrics.</summary>
public interface IMessageLedger
{
    Task RecordAsync(LedgerEntry entry, CancellationToken cancellationToken);
}
