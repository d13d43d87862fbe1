using System.Text;
using Mailflow.Core.Ports;
using Mailflow.Testing.Support;

namespace Mailflow.Testing.Contracts;

/// <summary>
/// What every <see cref="IRawMailStore"/> must do, run against each adapter by a subclass: the file store locally, S3
/// on AWS. Raw mail is written by someone else (the SES S3 action, the local SMTP listener), hence the put hook.
/// </summary>
public abstract class RawMailStoreContractTests : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N");
    private IRawMailStore? _store;

    protected IRawMailStore Store => _store ?? throw new InvalidOperationException("The store opens in InitializeAsync.");

    /// <summary>The bucket locations name (SES names the bucket its S3 action wrote to; the local store has one).</summary>
    protected abstract string Bucket { get; }

    /// <summary>Opens the store under test.</summary>
    protected abstract Task<IRawMailStore> OpenStoreAsync();

    /// <summary>Stores raw bytes at the location the way mail arrives there (the SES S3 action, the SMTP listener).</summary>
    protected abstract Task PutRawAsync(RawMailLocation location, byte[] content);

    public async Task InitializeAsync() => _store = await OpenStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A location under a prefix of this test's own, shaped like the SES action's <c>raw/{messageId}</c>.</summary>
    protected RawMailLocation At(string name) => new(Bucket, $"raw/{_run}/{name}");

    protected async Task<byte[]> ReadAsync(RawMailLocation location) =>
        await Bytes.ReadAllAsync(await Store.OpenReadAsync(location, CancellationToken.None));

    [Fact]
    public async Task A_stored_mail_reads_back_byte_for_byte()
    {
        var mail = Encoding.UTF8.GetBytes("Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\nX-Bare-LF: yes\n\r\nGrüße, 件名\r\n.\r\n")
            .Concat(Enumerable.Range(0, 256).Select(b => (byte)b)).ToArray();
        var location = At("0001");
        await PutRawAsync(location, mail);

        Assert.Equal(mail, await ReadAsync(location));
    }

    [Fact]
    public async Task A_mail_of_several_mebibytes_reads_back_whole()
    {
        var mail = Bytes.Random(5 * 1024 * 1024 + 17);
        var location = At("large");
        await PutRawAsync(location, mail);

        Assert.Equal(mail, await ReadAsync(location));
    }

    [Fact]
    public async Task A_missing_mail_is_RawMailNotFoundException_naming_its_location()
    {
        await PutRawAsync(At("present"), "Subject: here\r\n\r\n"u8.ToArray());
        var missing = At("absent");

        var error = await Assert.ThrowsAsync<RawMailNotFoundException>(() => Store.OpenReadAsync(missing, CancellationToken.None));

        Assert.Equal(missing, error.Location);
    }

    [Fact]
    public async Task Keys_that_share_a_prefix_are_different_mails()
    {
        await PutRawAsync(At("ab/1"), "Subject: one\r\n\r\n"u8.ToArray());
        await PutRawAsync(At("ab/12"), "Subject: twelve\r\n\r\n"u8.ToArray());

        Assert.Equal("Subject: one\r\n\r\n"u8.ToArray(), await ReadAsync(At("ab/1")));
        Assert.Equal("Subject: twelve\r\n\r\n"u8.ToArray(), await ReadAsync(At("ab/12")));
        await Assert.ThrowsAsync<RawMailNotFoundException>(() => Store.OpenReadAsync(At("ab"), CancellationToken.None));
    }

    [Fact]
    public async Task Every_open_reads_the_mail_from_its_start_independently()
    {
        var mail = Bytes.Random(200_000, seed: 7);
        var location = At("twice");
        await PutRawAsync(location, mail);

        await using var first = await Store.OpenReadAsync(location, CancellationToken.None);
        var head = new byte[1000];
        await first.ReadExactlyAsync(head);
        var second = await ReadAsync(location);

        Assert.Equal(mail[..1000], head);
        Assert.Equal(mail, second);
    }
}
