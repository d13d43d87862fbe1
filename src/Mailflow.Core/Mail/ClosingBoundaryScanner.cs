using System.Buffers;
using System.Text;
using MimeKit;

namespace Mailflow.Core.Mail;

/// <summary>
/// Finds multiparts whose close delimiter (<c>--boundary--</c>, RFC 2046 §5.1.1) never occurs in the
/// raw bytes: the sign of a truncated message. MimeKit parses such mail leniently and keeps what it
/// saw, so the check is made here, in one streaming pass over the spool, without buffering the mail.
/// </summary>
public static class ClosingBoundaryScanner
{
    private const int ChunkSize = 64 * 1024;

    public static Multipart? FindUnclosed(MimeMessage message, Stream spool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(spool);
        var pending = new List<(Multipart Part, byte[] Delimiter)>();
        Collect(message.Body, pending);
        if (pending.Count == 0)
        {
            return null;
        }
        var overlap = pending.Max(p => p.Delimiter.Length) - 1;
        // Pooled: a fresh 64 KB+ array per mail would land on the large object heap and cost a gen-2 collection.
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize + overlap);
        try
        {
            var carried = 0;
            spool.Position = 0;
            int read;
            while (pending.Count > 0 && (read = spool.Read(buffer, carried, ChunkSize)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var window = buffer.AsSpan(0, carried + read);
                for (var i = pending.Count - 1; i >= 0; i--)
                {
                    if (window.IndexOf(pending[i].Delimiter) >= 0)
                    {
                        pending.RemoveAt(i);
                    }
                }
                carried = Math.Min(overlap, window.Length);
                window[^carried..].CopyTo(buffer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            spool.Position = 0;
        }
        return pending.Count > 0 ? pending[0].Part : null;
    }

    private static void Collect(MimeEntity? entity, List<(Multipart, byte[])> found)
    {
        if (entity is not Multipart multipart)
        {
            return;
        }
        if (!string.IsNullOrEmpty(multipart.Boundary))
        {
            found.Add((multipart, Encoding.Latin1.GetBytes($"--{multipart.Boundary}--")));
        }
        foreach (var child in multipart)
        {
            Collect(child, found);
        }
    }
}
