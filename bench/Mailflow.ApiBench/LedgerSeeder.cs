using System.Diagnostics;
using Mailflow.Core.Ports;
using Mailflow.Local.Ledger;
using Mailflow.Local.Queues;
using Mailflow.Local.Storage;

namespace Mailflow.ApiBench;

/// <summary>
/// Fills a data directory's ledger through <see cref="SqliteMessageLedger.RecordBatchAsync"/>, the same writes (entries,
/// summaries, counters) the pipeline makes, many mails per writer transaction. Two batches are in flight so that the
/// next one is generated while the writer commits the previous.
/// </summary>
internal static class LedgerSeeder
{
    private const int MailsPerBatch = 2_000;

    public static async Task SeedAsync(string dataDir, int mails, TimeProvider time, TextWriter output)
    {
        var config = SeedConfig.CopyInto(dataDir);
        var data = new DataDirectory(dataDir);
        await using var engine = new SqliteQueueEngine(data.Database, time);
        var ledger = await SqliteMessageLedger.OpenAsync(engine, CancellationToken.None);
        var generator = new SyntheticMail(time.GetUtcNow(), mails, config);
        var clock = Stopwatch.StartNew();
        Task? inFlight = null;
        var entries = 0L;
        for (var start = 0; start < mails; start += MailsPerBatch)
        {
            var batch = new List<LedgerEntry>(MailsPerBatch * 4);
            for (var index = start; index < Math.Min(mails, start + MailsPerBatch); index++)
            {
                batch.AddRange(generator.EntriesOf(index));
            }
            entries += batch.Count;
            if (inFlight is not null)
            {
                await inFlight;
            }
            inFlight = ledger.RecordBatchAsync(batch, CancellationToken.None);
            if ((start / MailsPerBatch) % 50 == 49)
            {
                await output.WriteLineAsync($"{start + MailsPerBatch:N0} mails, {entries:N0} entries, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }
        if (inFlight is not null)
        {
            await inFlight;
        }
        await output.WriteLineAsync($"seeded {mails:N0} mails ({entries:N0} entries) into {data.Database} in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
