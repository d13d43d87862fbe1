using System.Buffers;
using System.Text;
using Mailflow.Local.Smtp;

namespace Mailflow.Local.Tests.Smtp;

/// <summary>DATA transparency (RFC 5321 §4.5.2) and limits, fed in every chunking a socket could produce.</summary>
public sealed class SmtpDataSpoolerTests
{
    private static readonly int[] s_chunkSizes = [.. Enumerable.Range(1, 13), 64, 999, 1000, 1001, 4096];

    private sealed record Outcome(bool Ended, string Spooled, string Rest, bool TooBig, bool LineTooLong, long MessageBytes);

    [Theory]
    [InlineData("a\r\n..b\r\n.\r\nQUIT\r\n", "a\r\n.b\r\n", "QUIT\r\n")]
    [InlineData(".\r\n", "", "")]
    [InlineData("a\nb\r\n.\r\n", "a\r\nb\r\n", "")]
    [InlineData("a\rb\r\n.\r\n", "a\rb\r\n", "")]
    [InlineData("\r\n\r\n.\r\n", "\r\n\r\n", "")]
    [InlineData("..\r\n.\r\n", ".\r\n", "")]
    [InlineData("a\n.\nb\n.\r\nc\r\n.\r\nMAIL", "a\r\n.\r\nb\r\n.\r\nc\r\n", "MAIL")]
    public void Consume_ValidData_UnstuffsAndEndsOnlyAtCrLfDotCrLf(string data, string spooled, string rest)
    {
        foreach (var chunkSize in s_chunkSizes)
        {
            var outcome = Spool(data, chunkSize);

            Assert.True(outcome.Ended, $"chunk size {chunkSize}");
            Assert.Equal(spooled, outcome.Spooled);
            Assert.Equal(rest, outcome.Rest);
            Assert.False(outcome.LineTooLong);
            Assert.Equal(Encoding.UTF8.GetByteCount(spooled), outcome.MessageBytes);
        }
    }

    [Fact]
    public void Consume_NoFinalDot_WaitsForMore()
    {
        foreach (var chunkSize in s_chunkSizes)
        {
            Assert.False(Spool("a\r\n.b\r\n\n.\n", chunkSize).Ended);
        }
    }

    [Theory]
    [InlineData(998, false)]
    [InlineData(999, true)]
    [InlineData(5000, true)]
    public void Consume_LineLongerThan1000Octets_IsFlaggedAndTheDataStillEnds(int length, bool tooLong)
    {
        foreach (var chunkSize in s_chunkSizes)
        {
            var outcome = Spool(new string('x', length) + "\r\n.\r\nNOOP\r\n", chunkSize);

            Assert.True(outcome.Ended, $"chunk size {chunkSize}");
            Assert.Equal(tooLong, outcome.LineTooLong);
            Assert.Equal("NOOP\r\n", outcome.Rest);
        }
    }

    [Fact]
    public void Consume_LongLineEndingInBareLf_DoesNotEndAtTheNextDot()
    {
        foreach (var chunkSize in s_chunkSizes)
        {
            var outcome = Spool(new string('x', 1500) + "\n.\r\nmore\r\n.\r\n", chunkSize);

            Assert.True(outcome.Ended);
            Assert.True(outcome.LineTooLong);
            Assert.Equal("", outcome.Rest);
        }
    }

    [Theory]
    [InlineData("12345678\r\n.\r\n", false, 10)]
    [InlineData("123456789\r\n.\r\n", true, 11)]
    [InlineData("1234\r\n12345\r\nmore\r\n.\r\n", true, 19)]
    public void Consume_OverTheSizeLimit_IsFlaggedReadToTheEndAndCounted(string data, bool tooBig, long bytes)
    {
        foreach (var chunkSize in s_chunkSizes)
        {
            var outcome = Spool(data, chunkSize, maxMessageBytes: 10);

            Assert.True(outcome.Ended);
            Assert.Equal(tooBig, outcome.TooBig);
            Assert.Equal(bytes, outcome.MessageBytes);
        }
    }

    /// <summary>Feeds <paramref name="data"/> chunk by chunk, keeping the unconsumed tail as its own segment, as the connection does.</summary>
    private static Outcome Spool(string data, int chunkSize, long maxMessageBytes = 1_000_000)
    {
        var bytes = Encoding.UTF8.GetBytes(data);
        using var spool = new MemoryStream();
        var spooler = new SmtpDataSpooler(spool, maxMessageBytes);
        byte[] pending = [];
        for (var i = 0; i < bytes.Length; i += chunkSize)
        {
            var end = Math.Min(i + chunkSize, bytes.Length);
            var buffer = SequenceChunk.Join(pending, bytes[i..end]);
            var ended = spooler.Consume(ref buffer);
            pending = buffer.ToArray();
            if (ended)
            {
                return Result(true, [.. pending, .. bytes[end..]]);
            }
        }
        return Result(false, pending);

        Outcome Result(bool ended, byte[] rest) =>
            new(ended, Encoding.UTF8.GetString(spool.ToArray()), Encoding.UTF8.GetString(rest), spooler.TooBig, spooler.LineTooLong, spooler.MessageBytes);
    }
}
