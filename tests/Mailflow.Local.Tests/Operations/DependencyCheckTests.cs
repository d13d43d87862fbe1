using Mailflow.Core.Operations;
using Mailflow.Local.Inbound;
using Mailflow.Local.Ledger;
using Mailflow.Local.Operations;

namespace Mailflow.Local.Tests.Operations;

public class DependencyCheckTests
{
    [Fact]
    public async Task Every_check_passes_on_a_started_data_directory_and_leaves_no_probe_behind()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        await SqliteMessageLedger.OpenAsync(context.Engine, CancellationToken.None);
        var rawFolder = context.Data.PathOf(LocalSmtpReceiver.RawKeyPrefix);
        IDependencyCheck[] checks =
        [
            new SqliteDatabaseCheck(context.Engine),
            new QueuePresenceCheck(context.Engine, "mailflow-local-inbound"),
            new FolderWriteCheck("raw-mail", rawFolder),
            new FolderWriteCheck("attachments", context.Data.PathOf("attachments/")),
        ];

        foreach (var check in checks)
        {
            await check.CheckAsync(CancellationToken.None);
        }

        Assert.Equal(["database", "queue:mailflow-local-inbound", "raw-mail", "attachments"], checks.Select(c => c.Name));
        Assert.Empty(Directory.EnumerateFileSystemEntries(rawFolder));
    }

    [Fact]
    public async Task The_queue_check_fails_when_the_queue_is_missing()
    {
        await using var context = await LocalOperationsContext.StartAsync(except: "mailflow-local-app2");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new QueuePresenceCheck(context.Engine, "mailflow-local-app2").CheckAsync(CancellationToken.None));

        Assert.Contains("'mailflow-local-app2' does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_check_fails_when_the_ledger_cannot_be_read()
    {
        await using var context = await LocalOperationsContext.StartAsync(); // the ledger table was never created

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => new SqliteDatabaseCheck(context.Engine).CheckAsync(CancellationToken.None));

        Assert.StartsWith("The SQLite database cannot be read", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_folder_check_fails_when_the_folder_cannot_take_a_file()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        var folder = Path.Combine(context.Root, "raw");
        await File.WriteAllTextAsync(folder, "a file where the folder should be");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => new FolderWriteCheck("raw-mail", folder).CheckAsync(CancellationToken.None));

        Assert.StartsWith($"The raw-mail folder {folder} is not writable", failure.Message, StringComparison.Ordinal);
    }
}
