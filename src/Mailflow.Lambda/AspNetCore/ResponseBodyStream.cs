namespace Mailflow.Lambda.AspNetCore;

/// <summary>
/// The response body stream: writes go to the buffer, and the first write or flush starts the response (OnStarting
/// callbacks run before any body byte, as under Kestrel). Synchronous writes are allowed: nothing here blocks on a socket.
/// </summary>
internal sealed class ResponseBodyStream(BufferedResponseFeature response, MemoryStream target) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => response.StartAsync().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => response.StartAsync(cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        response.StartAsync().GetAwaiter().GetResult();
        target.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        target.Write(buffer.Span);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
