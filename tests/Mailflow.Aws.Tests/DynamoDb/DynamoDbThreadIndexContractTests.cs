using Amazon.DynamoDBv2.Model;
using Mailflow.Aws.DynamoDb;
using Mailflow.Core.Ports;
using Mailflow.Testing.Contracts;
using Mailflow.Testing.Emulators;

namespace Mailflow.Aws.Tests.DynamoDb;

/// <summary>
/// The thread index contract on dynalite, plus what single-item writes without transactions must still get right:
/// expiry, batched lookups, hostile Message-IDs, and records interrupted between two writes.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbThreadIndexContractTests(DynaliteServer dynalite) : ThreadIndexContractTests, IDisposable
{
    private static readonly TimeSpan s_retention = TimeSpan.FromDays(90);

    private readonly InterceptingDynamoDbClient _client = new(dynalite);
    private DynaliteTable? _table;

    private DynaliteTable Table => _table ?? throw new InvalidOperationException("The table is created in InitializeAsync.");

    protected override async Task<IThreadIndex> OpenIndexAsync()
    {
        _table = await DynaliteTable.CreateAsync(_client);
        return new DynamoDbThreadIndex(_client, _table.Table, s_retention);
    }

    public override async Task DisposeAsync()
    {
        if (_table is not null)
        {
            await _table.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_mail_is_forgotten_once_its_retention_has_passed_even_before_DynamoDB_deletes_it()
    {
        var mail = Received("ses-1", "old@example.com");
        await RecordAsync(mail);

        Table.Clock.Advance(s_retention - TimeSpan.FromSeconds(1));
        AssertSame(mail, await Index.FindByMailIdAsync("ses-1", CancellationToken.None));
        AssertSame(mail, await FindAsync("old@example.com"));

        Table.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await Index.FindByMailIdAsync("ses-1", CancellationToken.None));
        Assert.Null(await FindAsync("old@example.com"));
        Assert.Equal(2, (await Table.ItemsAsync()).Count);
    }

    [Fact]
    public async Task An_expired_message_id_is_taken_by_the_next_mail_recorded_under_it()
    {
        await RecordAsync(Received("ses-1", "reused@example.com"));
        Table.Clock.Advance(s_retention);

        var later = Received("ses-2", "reused@example.com");
        await RecordAsync(later);

        AssertSame(later, await FindAsync("reused@example.com"));
    }

    [Fact]
    public async Task Every_item_of_a_mail_expires_retention_after_it_was_recorded()
    {
        Table.Clock.Advance(TimeSpan.FromMilliseconds(400));
        await RecordAsync(Received("ses-1", "a@example.com", "b@example.com"));

        var ttls = (await Table.ItemsAsync()).Select(item => item[DynamoDbTableSchema.TimeToLive].N).ToArray();
        Assert.Equal(3, ttls.Length);
        Assert.All(ttls, ttl => Assert.Equal($"{(DynaliteTable.Start + s_retention).ToUnixTimeSeconds() + 1}", ttl));
    }

    [Fact]
    public async Task The_first_known_id_is_found_among_more_ids_than_one_batch_read_takes()
    {
        var early = Received("ses-1", "id-230@example.com");
        var late = Received("ses-2", "id-240@example.com");
        await RecordAsync(late);
        await RecordAsync(early);
        var references = Enumerable.Range(0, 250).Select(index => $"id-{index}@example.com").ToArray();

        AssertSame(early, await FindAsync(references));
        AssertSame(late, await FindAsync([.. references.Where(id => id != "id-230@example.com")]));
        Assert.True(_client.BatchGets >= 6, $"{_client.BatchGets} BatchGetItem calls for two lookups of 250 ids: at least 3 each for the ids");
    }

    [Fact]
    public async Task Mails_too_large_for_one_batch_response_are_read_in_further_rounds()
    {
        // dynalite, like DynamoDB, stops a BatchGetItem response near its size limit (about 1.4 MB here) and returns
        // the rest as UnprocessedKeys: 100 mails of ~30 KB are more than one response holds.
        var padding = Enumerable.Range(0, 300).Select(index => $"{new string('r', 90)}.{index}@example.com").ToArray();
        var mails = Enumerable.Range(0, 100)
            .Select(index => new ThreadEntry($"ses-{index}", $"ses-{index}", ThreadEntry.Inbound, [$"m-{index}@example.com"], padding, 0, null))
            .ToArray();
        foreach (var mail in mails)
        {
            await RecordAsync(mail);
        }

        var found = await DynamoDbBatchReader.GetAsync(_client, Table.Table.Name, [.. mails.Select(mail => MailKey(mail.MailId))], CancellationToken.None);

        Assert.Equal(100, found.Count);
        Assert.True(_client.UnprocessedBatchGets > 0, "dynalite returned every item in one response: the test no longer covers UnprocessedKeys");
        AssertSame(mails[0], await FindAsync([.. mails.Select(mail => mail.MessageIds[0])]));
    }

    [Fact]
    public async Task A_message_id_too_long_for_a_partition_key_is_recorded_and_found()
    {
        var longId = $"{new string('x', 3000)}@example.com";
        var mail = Received("ses-1", longId, "short@example.com");
        await RecordAsync(mail);

        AssertSame(mail, await FindAsync($"<{new string('x', 3000)}@EXAMPLE.COM>"));
        Assert.Null(await FindAsync($"{new string('x', 2999)}y@example.com"));
    }

    [Theory]
    [InlineData("before the mail item")]
    [InlineData("before the old ids are dropped")]
    public async Task A_record_interrupted_between_its_writes_shows_the_old_facts_until_its_retry_completes(string crash)
    {
        var original = new ThreadEntry("out-1", "out-1", ThreadEntry.Outbound, ["old@example.com"], [], 0, null);
        await RecordAsync(original);
        var replacement = new ThreadEntry("out-1", "ses-9", ThreadEntry.Outbound, ["new@example.com"], ["root@example.com"], 1, null);
        if (crash == "before the mail item")
        {
            _client.FailPut = request => request.Item[DynamoDbTableSchema.PartitionKey].S == DynamoDbKeys.ThreadMail("out-1");
        }
        else
        {
            _client.FailDelete = _ => true;
        }

        await Assert.ThrowsAnyAsync<Exception>(() => RecordAsync(replacement));

        AssertSame(original, await Index.FindByMailIdAsync("out-1", CancellationToken.None));
        Assert.Null(await FindAsync("new@example.com"));
        var old = await FindAsync("old@example.com");
        Assert.True(old is null || old.ThreadId == original.ThreadId, "an old id finds the old facts or nothing, never the replacement");

        _client.FailPut = _ => false;
        _client.FailDelete = _ => false;
        await RecordAsync(replacement);

        AssertSame(replacement, await Index.FindByMailIdAsync("out-1", CancellationToken.None));
        AssertSame(replacement, await FindAsync("new@example.com"));
        Assert.Null(await FindAsync("old@example.com"));
    }

    [Fact]
    public async Task A_first_record_interrupted_before_its_mail_item_keeps_its_ids_for_its_retry()
    {
        _client.FailPut = request => request.Item[DynamoDbTableSchema.PartitionKey].S == DynamoDbKeys.ThreadMail("ses-1");
        await Assert.ThrowsAnyAsync<Exception>(() => RecordAsync(Received("ses-1", "shared@example.com")));
        _client.FailPut = _ => false;

        Assert.Null(await FindAsync("shared@example.com"));
        await RecordAsync(Received("ses-2", "shared@example.com"));
        Assert.Null(await FindAsync("shared@example.com"));

        var first = Received("ses-1", "shared@example.com");
        await RecordAsync(first);
        AssertSame(first, await FindAsync("shared@example.com"));
    }

    private static Dictionary<string, AttributeValue> MailKey(string mailId) => new()
    {
        [DynamoDbTableSchema.PartitionKey] = new() { S = DynamoDbKeys.ThreadMail(mailId) },
        [DynamoDbTableSchema.SortKey] = new() { S = "mail" },
    };
}
