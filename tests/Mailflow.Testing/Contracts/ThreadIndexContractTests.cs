using Mailflow.Core.Ports;

namespace Mailflow.Testing.Contracts;

/// <summary>What every <see cref="IThreadIndex"/> must do, run against each adapter by a subclass.</summary>
public abstract class ThreadIndexContractTests : IAsyncLifetime
{
    private IThreadIndex? _index;

    protected IThreadIndex Index => _index ?? throw new InvalidOperationException("The index opens in InitializeAsync.");

    /// <summary>Opens an index with no mails.</summary>
    protected abstract Task<IThreadIndex> OpenIndexAsync();

    public async Task InitializeAsync() => _index = await OpenIndexAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static ThreadEntry Received(string mailId, params string[] messageIds) =>
        new(mailId, mailId, ThreadEntry.Inbound, messageIds, [], 0, null);

    protected static void AssertSame(ThreadEntry expected, ThreadEntry? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.MailId, expected.ThreadId, expected.Direction, expected.Hops, expected.NoAutoReplyReason),
            (actual.MailId, actual.ThreadId, actual.Direction, actual.Hops, actual.NoAutoReplyReason));
        Assert.Equal(expected.MessageIds, actual.MessageIds);
        Assert.Equal(expected.References, actual.References);
    }

    protected Task RecordAsync(ThreadEntry entry) => Index.RecordAsync(entry, CancellationToken.None);

    protected Task<ThreadEntry?> FindAsync(params string[] messageIds) => Index.FindByMessageIdsAsync(messageIds, CancellationToken.None);

    [Fact]
    public async Task A_recorded_mail_is_found_by_its_mail_id_with_every_fact()
    {
        var sent = new ThreadEntry("out-1", "ses-0", ThreadEntry.Outbound, ["ours@mailflow.local", "ses-id@eu-west-1.amazonses.com"],
            ["first@example.com", "second@example.com"], 2, "auto-submitted");
        var received = Received("ses-0", "first@example.com");
        await RecordAsync(sent);
        await RecordAsync(received);

        AssertSame(sent, await Index.FindByMailIdAsync("out-1", CancellationToken.None));
        AssertSame(received, await Index.FindByMailIdAsync("ses-0", CancellationToken.None));
    }

    [Fact]
    public async Task Unknown_mail_ids_and_message_ids_find_nothing()
    {
        await RecordAsync(Received("ses-1", "known@example.com"));

        Assert.Null(await Index.FindByMailIdAsync("ses-2", CancellationToken.None));
        Assert.Null(await FindAsync("unknown@example.com", "other@example.com"));
        Assert.Null(await FindAsync());
        Assert.Null(await FindAsync(" ", "<>"));
    }

    [Fact]
    public async Task Finding_by_message_ids_returns_the_mail_of_the_first_listed_id_that_is_known()
    {
        var first = Received("ses-1", "a1@example.com", "a2@example.com");
        var second = Received("ses-2", "b1@example.com");
        await RecordAsync(first);
        await RecordAsync(second);

        AssertSame(second, await FindAsync("unknown@example.com", "b1@example.com", "a1@example.com"));
        AssertSame(first, await FindAsync("a2@example.com", "b1@example.com"));
        AssertSame(first, await FindAsync("a1@example.com", "b1@example.com"));
    }

    [Fact]
    public async Task Message_ids_are_matched_in_normalised_form()
    {
        var mail = Received("ses-1", "Left.Part@mail.example.com");
        await RecordAsync(mail);

        AssertSame(mail, await FindAsync(" <Left.Part@MAIL.Example.COM> "));
        Assert.Null(await FindAsync("left.part@mail.example.com"));
    }

    [Fact]
    public async Task Recording_the_same_mail_id_again_replaces_the_mail_and_its_message_ids()
    {
        await RecordAsync(Received("out-1", "old@example.com"));
        var replacement = new ThreadEntry("out-1", "ses-9", ThreadEntry.Outbound, ["new@example.com"], ["root@example.com"], 1, null);

        await RecordAsync(replacement);

        AssertSame(replacement, await Index.FindByMailIdAsync("out-1", CancellationToken.None));
        AssertSame(replacement, await FindAsync("new@example.com"));
        Assert.Null(await FindAsync("old@example.com"));
    }

    [Fact]
    public async Task A_message_id_keeps_naming_the_mail_first_recorded_under_it()
    {
        var first = Received("ses-1", "shared@example.com");
        await RecordAsync(first);
        await RecordAsync(Received("ses-2", "shared@example.com"));

        AssertSame(first, await FindAsync("shared@example.com"));
    }

    [Fact]
    public async Task Message_ids_of_any_content_round_trip()
    {
        string[] odd = ["\"quoted, with comma\"@example.com", "brackets[]{}\\@example.com", "ünïcødé+😀@例え.jp", "tab\tand|pipe@example.com"];
        var mail = new ThreadEntry("ses-1", "ses-1", ThreadEntry.Inbound, odd, [.. odd.Reverse()], 0, null);
        await RecordAsync(mail);

        AssertSame(mail, await Index.FindByMailIdAsync("ses-1", CancellationToken.None));
        foreach (var id in odd)
        {
            AssertSame(mail, await FindAsync(id));
        }
    }
}
