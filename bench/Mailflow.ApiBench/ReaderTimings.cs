using System.Diagnostics;
using Mailflow.Core.Operations;
using Mailflow.Local.Ledger;
using Mailflow.Local.Queues;
using Mailflow.Local.Storage;

namespace Mailflow.ApiBench;

/// <summary>
/// Times the ledger reader's own calls on a seeded data directory (no HTTP): each query run <c>iterations</c> times after
/// one warm-up, median and p95 printed in milliseconds.
/// </summary>
internal static class ReaderTimings
{
    public static async Task MeasureAsync(string dataDir, int iterations, TimeProvider time, TextWriter output)
    {
        var data = new DataDirectory(dataDir);
        await using var engine = new SqliteQueueEngine(data.Database, time);
        await SqliteMessageLedger.OpenAsync(engine, CancellationToken.None);
        var reader = new SqliteMessageLedgerReader(engine);
        var now = time.GetUtcNow();
        var hour = CounterWindow.HourOf(now);

        var deep = new MessageSearch();
        var walk = Stopwatch.StartNew();
        for (var page = 1; page < 1000; page++)
        {
            var next = (await reader.SearchAsync(deep, CancellationToken.None)).NextCursor;
            if (next is null)
            {
                break;
            }
            deep = deep with { Cursor = next };
        }
        await output.WriteLineAsync($"walked 999 pages of 50 in {walk.Elapsed.TotalMilliseconds:F0} ms");
        var deepApp = new MessageSearch(App: "support");
        for (var page = 1; page < 1000; page++)
        {
            var next = (await reader.SearchAsync(deepApp, CancellationToken.None)).NextCursor;
            if (next is null)
            {
                break;
            }
            deepApp = deepApp with { Cursor = next };
        }

        (string Name, Func<Task> Run)[] cases =
        [
            ("search, first page", () => reader.SearchAsync(new MessageSearch(), CancellationToken.None)),
            ("search, page 1000 (cursor)", () => reader.SearchAsync(deep, CancellationToken.None)),
            ("search app=support, first page", () => reader.SearchAsync(new MessageSearch(App: "support"), CancellationToken.None)),
            ("search app=support, page 1000", () => reader.SearchAsync(deepApp, CancellationToken.None)),
            ("search status=dead-lettered, first page", () => reader.SearchAsync(new MessageSearch(Status: "dead-lettered"), CancellationToken.None)),
            ("search since 24h, first page", () => reader.SearchAsync(new MessageSearch(Since: now.AddDays(-1)), CancellationToken.None)),
            ("search text 'example.de', first page", () => reader.SearchAsync(new MessageSearch(Text: "example.de"), CancellationToken.None)),
            ("search text (no match, full scan)", () => reader.SearchAsync(new MessageSearch(Text: "zz-no-such-text"), CancellationToken.None)),
            ("get one mail", () => reader.GetAsync("0100019a00000007-nomatch", CancellationToken.None)),
            ("summary 1h", () => reader.SummaryAsync(now.AddHours(-1), now, CancellationToken.None)),
            ("summary 24h", () => reader.SummaryAsync(now.AddDays(-1), now, CancellationToken.None)),
            ("summary 7d", () => reader.SummaryAsync(now.AddDays(-7), now, CancellationToken.None)),
            ("series received 24h step 5m", () => reader.SeriesAsync(LedgerMetrics.Received, now.AddDays(-1), now, TimeSpan.FromMinutes(5), CancellationToken.None)),
            ("series latencyP95 7d step 1h", () => reader.SeriesAsync(LedgerMetrics.LatencyP95, now.AddDays(-7), now, TimeSpan.FromHours(1), CancellationToken.None)),
            ("series latencyP95 7d step 1h, whole hours", () => reader.SeriesAsync(LedgerMetrics.LatencyP95, hour.AddDays(-7), hour, TimeSpan.FromHours(1), CancellationToken.None)),
        ];
        foreach (var (name, run) in cases)
        {
            var runs = name.Contains("full scan", StringComparison.Ordinal) ? Math.Min(iterations, 5) : iterations;
            await run();
            var samples = new double[runs];
            for (var index = 0; index < runs; index++)
            {
                var clock = Stopwatch.StartNew();
                await run();
                samples[index] = clock.Elapsed.TotalMilliseconds;
            }
            Array.Sort(samples);
            await output.WriteLineAsync($"{name,-42} median {samples[runs / 2],8:F2} ms   p95 {samples[(int)Math.Ceiling(runs * 0.95) - 1],8:F2} ms");
        }
        var summary = await reader.SummaryAsync(now.AddDays(-1), now, CancellationToken.None);
        await output.WriteLineAsync($"24h: received {summary.Received:N0}, quarantined {summary.Quarantined:N0}, failed {summary.Failed:N0}, sent {summary.Sent:N0}, " +
            $"routed {string.Join(", ", summary.RoutedPerApp.Select(r => $"{r.Key} {r.Value:N0}"))}, latency p50/p95/p99 {summary.Latency.P50Ms}/{summary.Latency.P95Ms}/{summary.Latency.P99Ms} ms");
    }
}
