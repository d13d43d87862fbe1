namespace Mailflow.Local.Smtp;

/// <summary>
/// A seekable spool that keeps a mail in memory up to <see cref="MemoryLimit"/> and moves it to a temporary file
/// (deleted on close) beyond that: a large mail is never held whole in memory, and the common small one costs no
/// file creation (creating and deleting a file per mail showed up as the largest cost in the load profile).
/// </summary>
internal sealed class SpillingSpool(string directory) : Stream
{
    public const int MemoryLimit = 1024 * 1024;

    private Stream _inner = new MemoryStream();
    private bool _spilled;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!_spilled && _inner.Length + buffer.Length > MemoryLimit)
        {
            Spill();
        }
        _inner.Write(buffer);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => _inner.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void SetLength(long value) => _inner.SetLength(value);

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Spill()
    {
        var file = new FileStream(Path.Combine(directory, $"mailflow-smtp-{Guid.NewGuid():N}.eml"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 64 * 1024, FileOptions.DeleteOnClose);
        var memory = (MemoryStream)_inner;
        file.Write(memory.GetBuffer(), 0, (int)memory.Length);
        memory.Dispose();
        _inner = file;
        _spilled = true;
    }
}
