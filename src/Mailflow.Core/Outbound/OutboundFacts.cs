using Mailflow.Core.Ports;

namespace Mailflow.Core.Outbound;

/// <summary>What the ledger shows of an outbound mail: its sender, every recipient (To, Cc and Bcc) and its subject.</summary>
public static class OutboundFacts
{
    public static MailFacts Of(OutboundEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        List<string> recipients = [.. new[] { envelope.To, envelope.Cc, envelope.Bcc }
            .SelectMany(list => list ?? [])
            .Select(recipient => recipient?.Address)
            .OfType<string>()];
        return new MailFacts(ThreadEntry.Outbound, envelope.From?.Address, recipients, envelope.Subject);
    }
}
