using Mailflow.Local.Smtp;

namespace Mailflow.Local.Tests.Smtp;

public sealed class SpillingSpoolTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mailflow-spool-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_mail_up_to_the_memory_limit_stays_in_memory()
    {
        using var spool = new SpillingSpool(_directory);

        spool.Write(new byte[SpillingSpool.MemoryLimit]);

        Assert.Empty(Directory.GetFiles(_directory));
        Assert.Equal(SpillingSpool.MemoryLimit, spool.Length);
    }

    [Fact]
    public void A_larger_mail_moves_to_a_temporary_file_that_is_deleted_on_dispose_and_reads_back_whole()
    {
        var content = new byte[SpillingSpool.MemoryLimit * 2 + 17];
        new Random(7).NextBytes(content);
        var spool = new SpillingSpool(_directory);

        for (var offset = 0; offset < content.Length; offset += 4096)
        {
            spool.Write(content.AsSpan(offset, Math.Min(4096, content.Length - offset)));
        }
        Assert.Single(Directory.GetFiles(_directory));
        spool.Position = 0;
        using var copy = new MemoryStream();
        spool.CopyTo(copy);
        spool.Dispose();

        Assert.Equal(content, copy.ToArray());
        Assert.Empty(Directory.GetFiles(_directory));
    }
}
