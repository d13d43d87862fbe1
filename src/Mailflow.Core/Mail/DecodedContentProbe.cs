using System.Security.Cryptography;

namespace Mailflow.Core.Mail;

/// <summary>A write-only stream that hashes, counts and keeps the first bytes of what is written, and copies it to <paramref name="capture"/> when given.</summary>
internal sealed class DecodedContentProbe(Stream? capture) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _prefix = new byte[FileTypeSniffer.PrefixLength];
    private int _prefixLength;

    public long Size { get; private set; }

    public byte[] Prefix => _prefix[.._prefixLength];

    public string Sha256Hex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_prefixLength < _prefix.Length)
        {
            var take = Math.Min(_prefix.Length - _prefixLength, buffer.Length);
            buffer[..take].CopyTo(_prefix.AsSpan(_prefixLength));
            _prefixLength += take;
        }
        _hash.AppendData(buffer);
        capture?.Write(buffer);
        Size += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => Size;
    public override long Position { get => Size; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
