using System.Text;
using Mailflow.Core.InMemory;
using Mailflow.Core.Outbound;
using Mailflow.Core.Policy;
using Mailflow.Core.Ports;
using Mailflow.Core.Tests.Support;

namespace Mailflow.Core.Tests.Outbound;

public class OutboundAttachmentsTests
{
    private static readonly byte[] s_pdf = "%PDF-1.7 invoice"u8.ToArray();

    private static async Task<InMemoryAttachmentStore> StoreWith(string key, byte[] content)
    {
        var store = new InMemoryAttachmentStore();
        await store.PutAsync(key, new MemoryStream(content), "application/pdf", CancellationToken.None);
        return store;
    }

    private static OutboundEnvelope With(params OutboundAttachment[] attachments) => OutboundSamples.Valid() with { Attachments = attachments };

    [Fact]
    public async Task Inline_content_is_decoded_and_a_storage_key_is_read_from_the_store()
    {
        var store = await StoreWith("attachments/ses-1/a0", s_pdf);
        var envelope = With(
            OutboundSamples.Inline("logo.png", "image/png", [1, 2, 3], "logo@app1"),
            new OutboundAttachment { Filename = "invoice.pdf", StorageKey = "attachments/ses-1/a0" });

        var resolved = await OutboundAttachments.ResolveAsync(envelope, store, 1024, CancellationToken.None);

        Assert.Equal(2, resolved.Count);
        Assert.Equal(new ResolvedAttachment("logo.png", "image/png", resolved[0].Content, "logo@app1"), resolved[0]);
        Assert.Equal([1, 2, 3], resolved[0].Content);
        Assert.Equal(("invoice.pdf", "application/pdf", (string?)null), (resolved[1].Filename, resolved[1].ContentType, resolved[1].ContentId));
        Assert.Equal(s_pdf, resolved[1].Content);
    }

    [Fact]
    public async Task An_envelope_without_attachments_resolves_to_none()
    {
        Assert.Empty(await OutboundAttachments.ResolveAsync(OutboundSamples.Valid(), new InMemoryAttachmentStore(), 1024, CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_stored_file_is_attachment_not_found_at_its_storage_key()
    {
        var envelope = With(OutboundSamples.Inline("a.txt", "text/plain", [65]), new OutboundAttachment { Filename = "gone.pdf", StorageKey = "attachments/ses-1/a7" });

        var ex = await Assert.ThrowsAsync<OutboundInvalidException>(() =>
            OutboundAttachments.ResolveAsync(envelope, new InMemoryAttachmentStore(), 1024, CancellationToken.None));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(("$.attachments[1].storageKey", ReasonCodes.AttachmentNotFound), (problem.Path, problem.ReasonCode));
        Assert.Equal(ReasonCodes.AttachmentNotFound, ex.ReasonCode);
    }

    [Fact]
    public async Task Every_missing_or_oversized_attachment_is_reported()
    {
        var store = await StoreWith("outbound/app1/big.bin", new byte[2048]);
        var envelope = With(
            new OutboundAttachment { Filename = "gone.pdf", StorageKey = "attachments/ses-1/a7" },
            new OutboundAttachment { Filename = "big.bin", StorageKey = "outbound/app1/big.bin" },
            OutboundSamples.Inline("big-inline.bin", "application/octet-stream", new byte[1025]));

        var ex = await Assert.ThrowsAsync<OutboundInvalidException>(() => OutboundAttachments.ResolveAsync(envelope, store, 1024, CancellationToken.None));

        Assert.Equal(
            [("$.attachments[0].storageKey", ReasonCodes.AttachmentNotFound), ("$.attachments[1].storageKey", ReasonCodes.TooLarge), ("$.attachments[2].content", ReasonCodes.TooLarge)],
            ex.Problems.Select(p => (p.Path, p.ReasonCode)));
    }

    [Fact]
    public async Task A_stored_file_of_unknown_length_is_read_only_one_byte_past_the_limit()
    {
        var stream = new CountingStream(new byte[1_000_000]);
        var store = new OneStreamStore(stream);
        var envelope = With(new OutboundAttachment { Filename = "big.bin", StorageKey = "outbound/app1/big.bin" });

        var ex = await Assert.ThrowsAsync<OutboundInvalidException>(() => OutboundAttachments.ResolveAsync(envelope, store, 1024, CancellationToken.None));

        Assert.Equal(ReasonCodes.TooLarge, ex.ReasonCode);
        Assert.Equal(1025, stream.BytesRead);
        Assert.True(stream.Disposed);
    }

    [Fact]
    public async Task A_stored_file_of_unknown_length_within_the_limit_is_read_whole()
    {
        var content = Encoding.UTF8.GetBytes(new string('x', 1024));
        var envelope = With(new OutboundAttachment { Filename = "notes.txt", StorageKey = "outbound/app1/notes.txt" });

        var resolved = await OutboundAttachments.ResolveAsync(envelope, new OneStreamStore(new CountingStream(content)), 1024, CancellationToken.None);

        Assert.Equal(content, Assert.Single(resolved).Content);
        Assert.Equal("text/plain", resolved[0].ContentType);
    }

    [Fact]
    public async Task A_missing_content_type_is_derived_from_the_filename()
    {
        var envelope = With(
            new OutboundAttachment { Filename = "report.pdf", Content = "JVBERg==" },
            new OutboundAttachment { Filename = "data.unknownext", Content = "AA==" });

        var resolved = await OutboundAttachments.ResolveAsync(envelope, new InMemoryAttachmentStore(), 1024, CancellationToken.None);

        Assert.Equal(["application/pdf", "application/octet-stream"], resolved.Select(a => a.ContentType));
    }

    /// <summary>A store whose one object is a stream that cannot seek (like an S3 response body).</summary>
    private sealed class OneStreamStore(Stream stream) : IAttachmentStore
    {
        public Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => Task.FromResult(stream);
    }

    private sealed class CountingStream(byte[] content) : Stream
    {
        private readonly MemoryStream _inner = new(content);

        public long BytesRead { get; private set; }
        public bool Disposed { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = _inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
