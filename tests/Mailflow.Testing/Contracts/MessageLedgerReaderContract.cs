using Mailflow.Core.Operations;
using Mailflow.Core.Ports;

namespace Mailflow.Testing.Contracts;

/// <summary>
/// What every <see cref="IMessageLedgerReader"/> must do over the entries its ledger's writer recorded, run against each
/// host by a subclass (SQLite locally, DynamoDB on dynalite): search, timelines and the counters behind every figure of
/// the API. Mail times lie in the day before <see cref="Now"/> (the AWS table's clock) and inside any retention.
/// </summary>
public abstract class MessageLedgerReaderContract : IAsyncLifetime
{
    /// <summary>The clock of the ledger under test, where it has one.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A minute boundary, a day before <see cref="Now"/>: every mail of these tests starts after it.</summary>
    protected static readonly DateTimeOffset T0 = Now.AddDays(-1);

    private IMessageLedger? _ledger;
    private IMessageLedgerReader? _reader;

    protected IMessageLedger Ledger => _ledger ?? throw new InvalidOperationException("The ledger opens in InitializeAsync.");

    protected IMessageLedgerReader Reader => _reader ?? throw new InvalidOperationException("The reader opens in InitializeAsync.");

    /// <summary>Opens an empty ledger and the reader of the same store.</summary>
    protected abstract Task<(IMessageLedger Ledger, IMessageLedgerReader Reader)> OpenAsync();

    public async Task InitializeAsync() => (_ledger, _reader) = await OpenAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected async Task RecordAsync(params LedgerEntry[] entries)
    {
        foreach (var entry in entries)
        {
            await Ledger.RecordAsync(entry, CancellationToken.None);
        }
    }

    protected static MailFacts Inbound(string from = "alice@example.com", string to = "_invoices@acme.test", string subject = "Invoice 42") =>
        new(ThreadEntry.Inbound, from, [to], subject);

    /// <summary>A received mail routed to <paramref name="app"/>: received at <paramref name="at"/>, routed 20 ms later with facts and latency.</summary>
    protected Task ReceiveAsync(string mailId, DateTimeOffset at, string app = "invoices", MailFacts? facts = null) => RecordAsync(
        new LedgerEntry(mailId, LedgerEvent.Received, at),
        new LedgerEntry(mailId, LedgerEvent.Routed, at.AddMilliseconds(20), $"env-{mailId}-{app}", app, $"mailflow-{app}",
            Facts: facts ?? Inbound(), Latency: TimeSpan.FromMilliseconds(20)));

    protected Task<MessagePage> SearchAsync(MessageSearch search) => Reader.SearchAsync(search, CancellationToken.None);

    private static string[] Ids(MessagePage page) => [.. page.Items.Select(item => item.MailId)];

    [Fact]
    public async Task Search_lists_mails_newest_first_by_their_first_entry()
    {
        await ReceiveAsync("mail-b", T0.AddMinutes(2));
        await ReceiveAsync("mail-a", T0.AddMinutes(1));
        await ReceiveAsync("mail-c", T0.AddHours(3));

        var page = await SearchAsync(new MessageSearch());

        Assert.Equal(["mail-c", "mail-b", "mail-a"], Ids(page));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task A_summary_shows_direction_times_status_apps_and_the_facts_of_the_mail()
    {
        await ReceiveAsync("mail-1", T0, facts: Inbound("Alice@Example.com", "_invoices@acme.test", "Rechnung März 📎"));

        var summary = await Reader.GetAsync("mail-1", CancellationToken.None);

        Assert.Equal(
            new MessageSummary("mail-1", ThreadEntry.Inbound, T0, T0.AddMilliseconds(20), "routed", ["invoices"], "Alice@Example.com",
                ["_invoices@acme.test"], "Rechnung März 📎"),
            summary,
            new SummaryComparer());
    }

    [Fact]
    public async Task A_mail_routed_to_two_apps_lists_both_and_is_found_under_each()
    {
        await RecordAsync(
            new LedgerEntry("mail-1", LedgerEvent.Received, T0),
            new LedgerEntry("mail-1", LedgerEvent.Routed, T0.AddMilliseconds(10), "env-1", "invoices", Facts: Inbound()),
            new LedgerEntry("mail-1", LedgerEvent.Routed, T0.AddMilliseconds(11), "env-2", "support"));
        await ReceiveAsync("mail-2", T0.AddMinutes(1), "support");
        await ReceiveAsync("mail-3", T0.AddMinutes(2), "archive");

        Assert.Equal(["invoices", "support"], (await Reader.GetAsync("mail-1", CancellationToken.None))!.Apps.Order(StringComparer.Ordinal));
        Assert.Equal(["mail-1"], Ids(await SearchAsync(new MessageSearch(App: "invoices"))));
        Assert.Equal(["mail-2", "mail-1"], Ids(await SearchAsync(new MessageSearch(App: "support"))));
        Assert.Empty((await SearchAsync(new MessageSearch(App: "nobody"))).Items);
    }

    [Fact]
    public async Task Search_filters_by_status()
    {
        await ReceiveAsync("routed-1", T0);
        await RecordAsync(
            new LedgerEntry("quarantined-1", LedgerEvent.Received, T0.AddMinutes(1)),
            new LedgerEntry("quarantined-1", LedgerEvent.Quarantined, T0.AddMinutes(1).AddMilliseconds(5), ReasonCode: "no-route"),
            new LedgerEntry("out-1", LedgerEvent.Sent, T0.AddMinutes(2), App: "invoices"));
        await ReceiveAsync("routed-2", T0.AddMinutes(3));

        Assert.Equal(["routed-2", "routed-1"], Ids(await SearchAsync(new MessageSearch(Status: "routed"))));
        Assert.Equal(["quarantined-1"], Ids(await SearchAsync(new MessageSearch(Status: "quarantined"))));
        Assert.Equal(["out-1"], Ids(await SearchAsync(new MessageSearch(Status: "sent"))));
        Assert.Empty((await SearchAsync(new MessageSearch(Status: "failed"))).Items);
        Assert.Equal(["out-1"], Ids(await SearchAsync(new MessageSearch(App: "invoices", Status: "sent"))));
    }

    [Fact]
    public async Task Search_filters_by_first_seen_from_since_inclusive_to_until_exclusive()
    {
        foreach (var hour in Enumerable.Range(0, 5))
        {
            await ReceiveAsync($"mail-{hour}", T0.AddHours(hour));
        }

        Assert.Equal(["mail-3", "mail-2", "mail-1"], Ids(await SearchAsync(new MessageSearch(Since: T0.AddHours(1), Until: T0.AddHours(4)))));
        Assert.Equal(["mail-4", "mail-3"], Ids(await SearchAsync(new MessageSearch(Since: T0.AddHours(3)))));
        Assert.Equal(["mail-1", "mail-0"], Ids(await SearchAsync(new MessageSearch(Until: T0.AddHours(2)))));
        Assert.Equal(["mail-2"], Ids(await SearchAsync(new MessageSearch(App: "invoices", Since: T0.AddHours(2), Until: T0.AddHours(3)))));
    }

    [Theory]
    [InlineData("MAIL-2")]
    [InlineData("bob@")]
    [InlineData("EXAMPLE.ORG")]
    [InlineData("_sales@acme")]
    [InlineData("quarterly")]
    [InlineData("März")]
    public async Task Text_search_matches_a_substring_of_id_sender_recipient_or_subject_whatever_the_case(string text)
    {
        await ReceiveAsync("mail-1", T0, facts: Inbound("alice@example.com", "_invoices@acme.test", "Invoice 42"));
        await ReceiveAsync("mail-2", T0.AddMinutes(1), facts: new MailFacts(ThreadEntry.Inbound, "Bob@Example.org",
            ["_support@acme.test", "_sales@acme.test"], "Quarterly report MÄRZ"));

        Assert.Equal(["mail-2"], Ids(await SearchAsync(new MessageSearch(Text: text))));
    }

    [Fact]
    public async Task Pages_follow_the_cursor_without_duplicates_or_gaps()
    {
        var ids = Enumerable.Range(0, 25).Select(index => $"mail-{index:D2}").ToArray();
        foreach (var (id, index) in ids.Select((id, index) => (id, index)))
        {
            // Spread over two days, so that a host partitioning by day pages across partitions.
            await ReceiveAsync(id, T0.AddHours(index));
        }

        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await SearchAsync(new MessageSearch(Cursor: cursor, Limit: 10));
            seen.AddRange(Ids(page));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(ids.Reverse(), seen);
    }

    [Fact]
    public async Task A_filtered_search_pages_through_every_match()
    {
        foreach (var index in Enumerable.Range(0, 12))
        {
            await ReceiveAsync($"mail-{index:D2}", T0.AddHours(index * 2), index % 3 == 0 ? "support" : "invoices");
        }

        var first = await SearchAsync(new MessageSearch(App: "support", Limit: 3));
        var second = await SearchAsync(new MessageSearch(App: "support", Limit: 3, Cursor: first.NextCursor));

        Assert.Equal(["mail-09", "mail-06", "mail-03"], Ids(first));
        Assert.Equal(["mail-00"], Ids(second));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task The_next_page_is_unchanged_when_new_mail_arrives_after_the_first()
    {
        foreach (var index in Enumerable.Range(0, 6))
        {
            await ReceiveAsync($"mail-{index}", T0.AddMinutes(index));
        }
        var first = await SearchAsync(new MessageSearch(Limit: 3));

        await ReceiveAsync("mail-new", T0.AddMinutes(30));
        var second = await SearchAsync(new MessageSearch(Limit: 3, Cursor: first.NextCursor));

        Assert.Equal(["mail-5", "mail-4", "mail-3"], Ids(first));
        Assert.Equal(["mail-2", "mail-1", "mail-0"], Ids(second));
    }

    [Theory]
    [InlineData("not a cursor!")]
    [InlineData("bTEuMTIz")]
    [InlineData("eyJvZmZzZXQiOjEwMH0")]
    [InlineData("")]
    public async Task A_cursor_the_reader_did_not_issue_is_an_argument_error(string cursor)
    {
        await ReceiveAsync("mail-1", T0);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => SearchAsync(new MessageSearch(Cursor: cursor)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Reader.AuditAsync(cursor, 10, CancellationToken.None));
    }

    [Fact]
    public async Task An_audit_cursor_is_not_a_search_cursor()
    {
        await RecordAsync(
            new LedgerEntry("action-1", LedgerEvent.Audit, T0, ReasonCode: "inbound.pause", Actor: "ops"),
            new LedgerEntry("action-2", LedgerEvent.Audit, T0.AddMinutes(1), ReasonCode: "inbound.resume", Actor: "ops"));
        var audit = await Reader.AuditAsync(null, 1, CancellationToken.None);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => SearchAsync(new MessageSearch(Cursor: audit.NextCursor)));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(null, -1)]
    [InlineData(null, 501)]
    [InlineData("delivered", 50)]
    [InlineData("Routed", 50)]
    public async Task An_unknown_status_or_a_page_size_out_of_range_is_an_argument_error(string? status, int limit)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => SearchAsync(new MessageSearch(Status: status, Limit: limit)));

        Assert.Contains(status is null ? "500" : "quarantined", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_older_entry_recorded_late_does_not_overwrite_a_newer_status()
    {
        await RecordAsync(
            new LedgerEntry("mail-1", LedgerEvent.Routed, T0.AddSeconds(2), "env-1", "invoices", Facts: Inbound()),
            new LedgerEntry("mail-1", LedgerEvent.Received, T0),
            new LedgerEntry("mail-1", LedgerEvent.Replied, T0.AddSeconds(5), Reason: "out-9"));

        var summary = await Reader.GetAsync("mail-1", CancellationToken.None);

        Assert.Equal("routed", summary!.Status);
        Assert.Equal(T0, summary.FirstSeen);
        Assert.Equal(T0.AddSeconds(5), summary.LastUpdated);
        Assert.Equal(["mail-1"], Ids(await SearchAsync(new MessageSearch(Status: "routed"))));
        Assert.Empty((await SearchAsync(new MessageSearch(Status: "received"))).Items);
    }

    [Fact]
    public async Task The_facts_shown_are_those_of_the_latest_entry_that_carried_facts_even_when_an_older_one_arrives_late()
    {
        await RecordAsync(
            new LedgerEntry("mail-1", LedgerEvent.Received, T0),
            new LedgerEntry("mail-1", LedgerEvent.Routed, T0.AddSeconds(2), App: "invoices", Facts: Inbound(subject: "Corrected subject")),
            new LedgerEntry("mail-1", LedgerEvent.Quarantined, T0.AddSeconds(1), Facts: Inbound(subject: "First subject")));

        var summary = await Reader.GetAsync("mail-1", CancellationToken.None);

        Assert.Equal(("Corrected subject", "routed"), (summary!.Subject, summary.Status));
        Assert.Equal(["mail-1"], Ids(await SearchAsync(new MessageSearch(Text: "corrected"))));
        Assert.Empty((await SearchAsync(new MessageSearch(Text: "first subject"))).Items);
    }

    [Fact]
    public async Task Filters_combine()
    {
        await ReceiveAsync("mail-1", T0, "invoices", Inbound(to: "_billing@acme.test", subject: "Invoice 1"));
        await ReceiveAsync("mail-2", T0.AddHours(1), "support", Inbound(to: "_billing@acme.test", subject: "Invoice 2"));
        await ReceiveAsync("mail-3", T0.AddHours(2), "invoices", Inbound(to: "_billing@acme.test", subject: "Question"));
        await ReceiveAsync("mail-4", T0.AddHours(3), "invoices", Inbound(to: "_billing@acme.test", subject: "Invoice 4"));

        var page = await SearchAsync(new MessageSearch(App: "invoices", Status: "routed", Since: T0, Until: T0.AddHours(3), Text: "invoice"));

        Assert.Equal(["mail-1"], Ids(page));
    }

    [Fact]
    public async Task A_dead_letter_after_routing_becomes_the_status()
    {
        await ReceiveAsync("mail-1", T0);
        await RecordAsync(new LedgerEntry("mail-1", LedgerEvent.DeadLettered, T0.AddMinutes(5), App: "invoices", Queue: "mailflow-invoices-dlq"));

        Assert.Equal("dead-lettered", (await Reader.GetAsync("mail-1", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Without_facts_the_direction_comes_from_the_kind_of_entry()
    {
        await RecordAsync(
            new LedgerEntry("out-1", LedgerEvent.Delayed, T0, App: "invoices"),
            new LedgerEntry("out-1", LedgerEvent.Sent, T0.AddSeconds(3), App: "invoices", Latency: TimeSpan.FromSeconds(3)),
            new LedgerEntry("in-1", LedgerEvent.Received, T0.AddMinutes(1)));

        var outbound = await Reader.GetAsync("out-1", CancellationToken.None);
        var inbound = await Reader.GetAsync("in-1", CancellationToken.None);

        Assert.Equal((ThreadEntry.Outbound, "sent"), (outbound!.Direction, outbound.Status));
        Assert.Equal(["invoices"], outbound.Apps);
        Assert.Equal((ThreadEntry.Inbound, "received"), (inbound!.Direction, inbound.Status));
        Assert.Null(inbound.From);
        Assert.Empty(inbound.Recipients);
    }

    [Fact]
    public async Task An_unknown_mail_has_no_summary_and_an_empty_timeline_and_audit_entries_make_no_summary()
    {
        await RecordAsync(new LedgerEntry("action-1", LedgerEvent.Audit, T0, ReasonCode: "queue.purge", Actor: "admin@example.com"));

        Assert.Null(await Reader.GetAsync("mail-x", CancellationToken.None));
        Assert.Null(await Reader.GetAsync("action-1", CancellationToken.None));
        Assert.Empty(await Reader.TimelineAsync("mail-x", CancellationToken.None));
        Assert.Empty((await SearchAsync(new MessageSearch())).Items);
    }

    [Fact]
    public async Task A_timeline_lists_entries_oldest_first_with_latency_and_actor_and_without_facts()
    {
        LedgerEntry[] timeline =
        [
            new("mail-1", LedgerEvent.Received, T0),
            new("mail-1", LedgerEvent.Routed, T0.AddMilliseconds(40), "env-1", "invoices", "mailflow-invoices", Latency: TimeSpan.FromMilliseconds(40)),
            new("mail-1", LedgerEvent.Replayed, T0.AddHours(1), Actor: "ops@example.com"),
        ];
        await RecordAsync(timeline[2], timeline[0], timeline[1] with { Facts = Inbound() });

        Assert.Equal(timeline, await Reader.TimelineAsync("mail-1", CancellationToken.None));
    }

    [Fact]
    public async Task The_summary_counts_each_name_and_routed_mail_per_app_over_the_window()
    {
        await ReceiveAsync("mail-1", T0.AddMinutes(10), "invoices");
        await ReceiveAsync("mail-2", T0.AddMinutes(70), "invoices");
        await RecordAsync(
            new LedgerEntry("mail-3", LedgerEvent.Received, T0.AddMinutes(75)),
            new LedgerEntry("mail-3", LedgerEvent.Routed, T0.AddMinutes(75).AddMilliseconds(1), "env-3a", "invoices"),
            new LedgerEntry("mail-3", LedgerEvent.Routed, T0.AddMinutes(75).AddMilliseconds(2), "env-3b", "support"),
            new LedgerEntry("mail-4", LedgerEvent.Received, T0.AddMinutes(80)),
            new LedgerEntry("mail-4", LedgerEvent.Quarantined, T0.AddMinutes(80).AddMilliseconds(3)),
            new LedgerEntry("mail-5", LedgerEvent.Rejected, T0.AddMinutes(81)),
            new LedgerEntry("mail-4", LedgerEvent.Failed, T0.AddMinutes(82)),
            new LedgerEntry("mail-4", LedgerEvent.DeadLettered, T0.AddMinutes(83)),
            new LedgerEntry("out-1", LedgerEvent.Sent, T0.AddMinutes(84), App: "invoices"),
            new LedgerEntry("out-2", LedgerEvent.Duplicate, T0.AddMinutes(85), App: "invoices"),
            new LedgerEntry("out-3", LedgerEvent.Suppressed, T0.AddMinutes(86), App: "invoices"),
            new LedgerEntry("action-1", LedgerEvent.Audit, T0.AddMinutes(87), ReasonCode: "inbound.pause"),
            new LedgerEntry("mail-9", LedgerEvent.Received, T0.AddHours(5)));

        var all = await Reader.SummaryAsync(T0, T0.AddHours(5), CancellationToken.None);
        var late = await Reader.SummaryAsync(T0.AddMinutes(70), T0.AddMinutes(81), CancellationToken.None);

        Assert.Equal((4L, 1L, 1L, 1L, 1L, 1L, 1L), (all.Received, all.Quarantined, all.Rejected, all.Failed, all.DeadLettered, all.Sent, all.Duplicates));
        Assert.Equal(new Dictionary<string, long> { ["invoices"] = 3, ["support"] = 1 }, all.RoutedPerApp);
        Assert.Equal((T0, T0.AddHours(5)), (all.From, all.To));
        Assert.Equal((3L, 1L, 0L), (late.Received, late.Quarantined, late.Rejected));
        Assert.Equal(new Dictionary<string, long> { ["invoices"] = 2, ["support"] = 1 }, late.RoutedPerApp);
    }

    [Fact]
    public async Task Summary_windows_longer_than_an_hour_count_every_minute_exactly_once()
    {
        // Entries either side of hour boundaries, and a window that starts and ends inside an hour.
        DateTimeOffset[] times = [T0.AddMinutes(59), T0.AddMinutes(60), T0.AddMinutes(61), T0.AddMinutes(179), T0.AddMinutes(180), T0.AddMinutes(245)];
        foreach (var (at, index) in times.Select((at, index) => (at, index)))
        {
            await RecordAsync(new LedgerEntry($"mail-{index}", LedgerEvent.Received, at));
        }

        Assert.Equal(6, (await Reader.SummaryAsync(T0, T0.AddDays(1), CancellationToken.None)).Received);
        Assert.Equal(5, (await Reader.SummaryAsync(T0.AddMinutes(59), T0.AddMinutes(181), CancellationToken.None)).Received);
        Assert.Equal(3, (await Reader.SummaryAsync(T0.AddMinutes(60), T0.AddMinutes(180), CancellationToken.None)).Received);
        Assert.Equal(0, (await Reader.SummaryAsync(T0.AddMinutes(62), T0.AddMinutes(179), CancellationToken.None)).Received);
    }

    [Fact]
    public async Task Latency_percentiles_come_from_the_histogram_of_every_latency_in_the_window()
    {
        var latencies = Enumerable.Range(1, 100).Select(ms => TimeSpan.FromMilliseconds(ms * 10)).ToArray();
        foreach (var (latency, index) in latencies.Select((latency, index) => (latency, index)))
        {
            await RecordAsync(new LedgerEntry($"mail-{index}", LedgerEvent.Routed, T0.AddSeconds(index), App: "invoices", Latency: latency));
        }
        var expected = LatencyHistogram.Percentiles(latencies.GroupBy(LatencyHistogram.BucketOf).ToDictionary(g => g.Key, g => (long)g.Count()));

        var summary = await Reader.SummaryAsync(T0, T0.AddHours(1), CancellationToken.None);

        Assert.Equal(expected, summary.Latency);
        Assert.Equal(100, summary.Latency.Samples);
        Assert.InRange(summary.Latency.P50Ms!.Value, 400, 640);
        Assert.Equal(new LatencyPercentiles(0, null, null, null), (await Reader.SummaryAsync(T0.AddHours(2), T0.AddHours(3), CancellationToken.None)).Latency);
    }

    [Fact]
    public async Task A_series_has_every_bucket_of_its_step_aligned_to_from()
    {
        await RecordAsync(
            new LedgerEntry("mail-1", LedgerEvent.Received, T0.AddMinutes(1)),
            new LedgerEntry("mail-2", LedgerEvent.Received, T0.AddMinutes(4).AddSeconds(59)),
            new LedgerEntry("mail-3", LedgerEvent.Received, T0.AddMinutes(5)),
            new LedgerEntry("mail-4", LedgerEvent.Received, T0.AddMinutes(14)),
            new LedgerEntry("mail-5", LedgerEvent.Received, T0.AddMinutes(20)),
            new LedgerEntry("mail-1", LedgerEvent.Routed, T0.AddMinutes(1).AddSeconds(1), App: "invoices", Latency: TimeSpan.FromMilliseconds(100)));

        var received = await Reader.SeriesAsync(LedgerMetrics.Received, T0, T0.AddMinutes(17), TimeSpan.FromMinutes(5), CancellationToken.None);
        var latency = await Reader.SeriesAsync(LedgerMetrics.LatencyP50, T0, T0.AddMinutes(10), TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Equal(
            [new(T0, 2), new(T0.AddMinutes(5), 1), new(T0.AddMinutes(10), 1), new(T0.AddMinutes(15), 0)],
            received);
        Assert.Equal(T0, latency[0].At);
        Assert.InRange(latency[0].Value!.Value, 79, 100);
        Assert.Equal(new MetricPoint(T0.AddMinutes(5), null), latency[1]);
        Assert.Equal(2, latency.Count);
    }

    [Fact]
    public async Task A_series_of_whole_hours_counts_every_minute_of_each_hour()
    {
        await RecordAsync(
            new LedgerEntry("mail-1", LedgerEvent.Received, T0.AddMinutes(30)),
            new LedgerEntry("mail-2", LedgerEvent.Received, T0.AddMinutes(90)),
            new LedgerEntry("mail-3", LedgerEvent.Received, T0.AddMinutes(119).AddSeconds(59)),
            new LedgerEntry("mail-4", LedgerEvent.Received, T0.AddMinutes(120)));

        var received = await Reader.SeriesAsync(LedgerMetrics.Received, T0, T0.AddHours(2), TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Equal([new(T0, 1), new(T0.AddHours(1), 2)], received);
    }

    [Fact]
    public async Task A_routed_series_counts_every_app()
    {
        await ReceiveAsync("mail-1", T0, "invoices");
        await ReceiveAsync("mail-2", T0.AddMinutes(1), "support");

        var routed = await Reader.SeriesAsync(LedgerMetrics.Routed, T0, T0.AddMinutes(2), TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal([new(T0, 1), new(T0.AddMinutes(1), 1)], routed);
    }

    [Theory]
    [InlineData("delivered", 60, 60, "received")]
    [InlineData("received", 60, 0, "minute")]
    [InlineData("received", 60, 0.5, "minute")]
    [InlineData("received", 60, 1.5, "minute")]
    [InlineData("received", 1441, 1, "1440")]
    [InlineData("received", 0, 1, "after")]
    public async Task A_series_of_an_unknown_metric_a_bad_step_or_too_many_points_is_an_argument_error(
        string metric, int windowMinutes, double stepMinutes, string named)
    {
        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Reader.SeriesAsync(
            metric, T0, T0.AddMinutes(windowMinutes), TimeSpan.FromMinutes(stepMinutes), CancellationToken.None));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_of_minutes_is_the_largest_series()
    {
        var points = await Reader.SeriesAsync(LedgerMetrics.Sent, T0, T0.AddDays(1), TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(1440, points.Count);
        Assert.All(points, point => Assert.Equal(0, point.Value));
    }

    [Fact]
    public async Task Audit_entries_are_listed_newest_first_page_by_page_without_other_entries()
    {
        var actions = Enumerable.Range(0, 5)
            .Select(index => new LedgerEntry($"action-{index}", LedgerEvent.Audit, T0.AddHours(index * 5), ReasonCode: "inbound.pause",
                Reason: "deploy", Actor: $"ops-{index}@example.com"))
            .ToArray();
        await RecordAsync(actions);
        await ReceiveAsync("mail-1", T0.AddHours(2));

        var first = await Reader.AuditAsync(null, 3, CancellationToken.None);
        var second = await Reader.AuditAsync(first.NextCursor, 3, CancellationToken.None);

        Assert.Equal(actions.Reverse().Take(3), first.Items);
        Assert.Equal(actions.Reverse().Skip(3), second.Items);
        Assert.Null(second.NextCursor);
    }

    /// <summary>Compares summaries by value, lists element by element (records compare lists by reference).</summary>
    private sealed class SummaryComparer : IEqualityComparer<MessageSummary?>
    {
        private static readonly string[] s_none = [];

        public bool Equals(MessageSummary? x, MessageSummary? y) =>
            x is not null && y is not null
            && x with { Apps = s_none, Recipients = s_none } == y with { Apps = s_none, Recipients = s_none }
            && x.Apps.SequenceEqual(y.Apps) && x.Recipients.SequenceEqual(y.Recipients);

        public int GetHashCode(MessageSummary? obj) => obj?.MailId.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
