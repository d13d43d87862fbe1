using Mailflow.Core.Configuration;
using Mailflow.Core.Ports;

namespace Mailflow.ApiBench;

/// <summary>
/// Realistic ledger traffic, deterministic per index: mails spread evenly over the 7 days that end 2 hours before
/// <c>now</c> (so that replies and replays, up to 2 hours after their mail, are not in the future), 3 entries each on
/// average (1,000,000 mails make 3,000,007). Inbound: received, then routed to one app (35% to a second one as well, 80% later replied to by an
/// app), quarantined (8%, a fifth of them replayed) or routed and then failed and dead-lettered (4%); outbound (10%):
/// delayed (half of them) and sent. Facts (addresses, subject) on the entry
/// that learns them, latency on the entry that ends processing.
/// </summary>
internal sealed class SyntheticMail(DateTimeOffset now, int mails, MailflowConfig config)
{
    private static readonly string[] s_names = ["alice", "bob", "carol", "dmitri", "elena", "farid", "grace", "hiro", "ines", "jamal"];
    private static readonly string[] s_domains = ["example.com", "example.org", "kunden.example.de", "client.example.fr", "mail.example.jp"];
    private static readonly string[] s_subjects = ["Invoice", "Order confirmation", "Question about my account", "Rechnung März", "Réclamation", "Delivery delayed", "Re: ticket", "見積もり依頼"];

    private readonly string[] _apps = [.. config.Apps.Select(a => a.Name)];
    private readonly string _domain = config.Domains[0];
    private readonly QueueNames _queues = new(config.Environment);
    private readonly DateTimeOffset _start = now - TimeSpan.FromDays(7) - TimeSpan.FromHours(2);
    private readonly double _spacingMs = TimeSpan.FromDays(7).TotalMilliseconds / mails;

    public IEnumerable<LedgerEntry> EntriesOf(int index)
    {
        var random = new Random(index);
        var at = _start.AddMilliseconds((index * _spacingMs) + random.NextDouble() * _spacingMs * 0.5);
        var mailId = $"0100019a{index:x8}-{random.Next():x8}-bench";
        var sender = $"{s_names[random.Next(s_names.Length)]}.{random.Next(1000)}@{s_domains[random.Next(s_domains.Length)]}";
        var app = _apps[random.Next(_apps.Length)];
        var subject = $"{s_subjects[random.Next(s_subjects.Length)]} #{random.Next(100_000)}";
        var kind = random.Next(100);
        var latency = TimeSpan.FromMilliseconds(5 + (random.NextDouble() * random.NextDouble() * 400));
        if (kind < 10)
        {
            var facts = new MailFacts(ThreadEntry.Outbound, $"_{app}@{_domain}", [sender], $"Re: {subject}");
            var outbound = $"out-{mailId}";
            if (kind < 5)
            {
                yield return new LedgerEntry(outbound, LedgerEvent.Delayed, at, $"env-{outbound}", app, Facts: facts);
                yield return new LedgerEntry(outbound, LedgerEvent.Sent, at + latency, $"env-{outbound}", app, _queues.Outbound,
                    ProviderMessageId: $"ses-{outbound}", MessageId: $"{outbound}@{_domain}", Latency: latency);
                yield break;
            }
            yield return new LedgerEntry(outbound, LedgerEvent.Sent, at, $"env-{outbound}", app, _queues.Outbound,
                ProviderMessageId: $"ses-{outbound}", MessageId: $"{outbound}@{_domain}", Facts: facts, Latency: latency);
            yield break;
        }
        var inboundFacts = new MailFacts(ThreadEntry.Inbound, sender, [$"_{app}@{_domain}"], subject);
        yield return new LedgerEntry(mailId, LedgerEvent.Received, at);
        if (kind < 18)
        {
            yield return new LedgerEntry(mailId, LedgerEvent.Quarantined, at + latency, ReasonCode: "no-route",
                Reason: "No app takes this address.", Facts: inboundFacts, Latency: latency);
            if (kind < 12)
            {
                yield return new LedgerEntry(mailId, LedgerEvent.Replayed, at + TimeSpan.FromHours(1), Actor: $"ops@{_domain}");
            }
            yield break;
        }
        var second = kind < 53 ? _apps[(Array.IndexOf(_apps, app) + 1) % _apps.Length] : null;
        yield return new LedgerEntry(mailId, LedgerEvent.Routed, at + (latency / 2), $"env-{mailId}-{app}", app, _queues.ForApp(app),
            Facts: inboundFacts, Latency: second is null ? latency / 2 : null);
        if (second is not null)
        {
            yield return new LedgerEntry(mailId, LedgerEvent.Routed, at + latency, $"env-{mailId}-{second}", second, _queues.ForApp(second),
                Latency: latency);
        }
        if (kind < 22)
        {
            yield return new LedgerEntry(mailId, LedgerEvent.Failed, at + latency + TimeSpan.FromSeconds(30), $"env-{mailId}-{app}", app,
                ReasonCode: "consumer-failed", Reason: "The app's consumer gave up.");
            yield return new LedgerEntry(mailId, LedgerEvent.DeadLettered, at + latency + TimeSpan.FromSeconds(31), $"env-{mailId}-{app}", app,
                QueueNames.DeadLetterOf(_queues.ForApp(app)));
        }
        else if (kind < 82)
        {
            yield return new LedgerEntry(mailId, LedgerEvent.Replied, at + TimeSpan.FromMinutes(random.Next(1, 120)), App: app, Reason: $"out-{mailId}");
        }
    }
}
