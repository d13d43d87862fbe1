using System.Text;
using Mailflow.Core.Mail;
using Mailflow.Core.Policy;

namespace Mailflow.Core.Tests.Mail;

public class MailParserTests
{
    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n")));

    [Fact]
    public void Parse_EmptyStream_IsEmptyMessage()
    {
        var ex = Assert.Throws<MailParseException>(() => MailParser.Parse(new MemoryStream(), CancellationToken.None));

        Assert.Equal(ReasonCodes.EmptyMessage, ex.ReasonCode);
    }

    [Fact]
    public void Parse_MultipartWithoutCloseDelimiter_IsMalformedAsTruncated()
    {
        const string truncated = """
            From: a@b.example
            Content-Type: multipart/mixed; boundary="xyz"

            --xyz
            Content-Type: text/plain

            first part
            --xyz
            Content-Type: application/pdf
            Content-Transfer-Encoding: base64

            JVBERi0xLjQKJ
            """;

        var ex = Assert.Throws<MailParseException>(() => MailParser.Parse(Stream(truncated), CancellationToken.None));

        Assert.Equal(ReasonCodes.MalformedMime, ex.ReasonCode);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_NestedMultipartsAllClosed_IsAccepted()
    {
        const string nested = """
            From: a@b.example
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain

            plain
            --inner
            Content-Type: text/html

            <p>html</p>
            --inner--
            --outer--
            """;

        await using var parsed = MailParser.Parse(Stream(nested), CancellationToken.None);
        var content = MailContent.Of(parsed.Message);

        Assert.Equal("plain", content.TextBody!.Text.TrimEnd());
        Assert.Equal("<p>html</p>", content.HtmlBody!.Text.TrimEnd());
        Assert.Empty(content.Attachments);
    }

    [Fact]
    public void Parse_InnerMultipartMissingItsCloseDelimiter_IsMalformed()
    {
        const string innerOpen = """
            From: a@b.example
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain

            plain
            --outer--
            """;

        Assert.Equal(ReasonCodes.MalformedMime, Assert.Throws<MailParseException>(() => MailParser.Parse(Stream(innerOpen), CancellationToken.None)).ReasonCode);
    }

    [Fact]
    public void ParseHeaders_MissingMessageIdAndDate_StayMissing()
    {
        using var headers = MailParser.ParseHeaders(Stream("From: a@b.example\nSubject: hi\n\nbody\n"), CancellationToken.None);

        Assert.Null(headers.MessageId);
        Assert.False(headers.Headers.Contains(MimeKit.HeaderId.Date));
        Assert.Equal("hi", headers.Subject);
    }

    [Fact]
    public void ParseHeaders_UnreadableBlock_GivesAnEmptyMessageNotAnException()
    {
        using var headers = MailParser.ParseHeaders(new MemoryStream([0, 1, 2, 0xFF, 0xFE]), CancellationToken.None);

        Assert.True(string.IsNullOrEmpty(headers.Subject));
        Assert.Empty(headers.From);
    }

    [Fact]
    public async Task MailSpool_NonSeekableSource_IsCopiedToASeekableFile()
    {
        var source = new NonSeekableStream(Encoding.ASCII.GetBytes("Subject: x\r\n\r\nbody\r\n"));

        await using var spool = await MailSpool.CreateAsync(source, CancellationToken.None);

        Assert.True(spool.CanSeek);
        Assert.Equal(20, spool.Length);
        Assert.True(source.Disposed);
    }

    private sealed class NonSeekableStream(byte[] content) : MemoryStream(content)
    {
        public bool Disposed { get; private set; }

        public override bool CanSeek => false;

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
