using System.Buffers;

namespace Mailflow.Local.Smtp;

/// <summary>
/// Writes the DATA stream to the spool line by line, never holding more than one line in memory:
/// <list type="bullet">
/// <item>dot-unstuffing: a line's leading '.' is removed when more follows (RFC 5321 §4.5.2);</item>
/// <item>bare LF line ends are accepted and written as CRLF;</item>
/// <item>the data ends only at CRLF "." CRLF. A "." line next to a bare LF is content: taking LF "." LF or
/// LF "." CRLF as the end is what made SMTP smuggling possible (CVE-2023-51766, CVE-2023-51764);</item>
/// <item>data over the size limit and text lines over 1000 octets (RFC 5321 §4.5.3.1.6) stop the writing but
/// not the reading, so the session can refuse the mail after the final dot instead of losing the connection.</item>
/// </list>
/// </summary>
internal sealed class SmtpDataSpooler(Stream spool, long maxMessageBytes)
{
    /// <summary>RFC 5321 §4.5.3.1.6: a text line is at most 1000 octets, CRLF included.</summary>
    public const int MaxTextLineOctets = 1000;

    private bool _previousLineEndedWithCrLf = true; // the DATA command's CRLF opens the first line
    private bool _insideDiscardedLine;
    private bool _discardedPartEndedWithCr;

    /// <summary>Octets of the message after unstuffing, CRLFs included, counted even past the limit.</summary>
    public long MessageBytes { get; private set; }

    public bool TooBig { get; private set; }

    public bool LineTooLong { get; private set; }

    /// <summary>Consumes every complete line of <paramref name="buffer"/>; true once the final dot has been read.</summary>
    public bool Consume(ref ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            var lineFeed = buffer.PositionOf((byte)'\n');
            if (lineFeed is null)
            {
                if (buffer.Length >= MaxTextLineOctets)
                {
                    // No line end within 1000 octets: the line is too long whatever follows. Drop what we have.
                    LineTooLong = true;
                    _insideDiscardedLine = true;
                    _discardedPartEndedWithCr = buffer.Slice(buffer.Length - 1).FirstSpan[0] == '\r';
                    buffer = buffer.Slice(buffer.End);
                }
                return false;
            }
            var line = buffer.Slice(0, lineFeed.Value);
            buffer = buffer.Slice(buffer.GetPosition(1, lineFeed.Value));
            if (EndOfLine(line))
            {
                return true;
            }
        }
    }

    private bool EndOfLine(ReadOnlySequence<byte> line)
    {
        var endsWithCr = line.IsEmpty ? _insideDiscardedLine && _discardedPartEndedWithCr : line.Slice(line.Length - 1).FirstSpan[0] == '\r';
        if (_insideDiscardedLine)
        {
            _insideDiscardedLine = false;
            _previousLineEndedWithCrLf = endsWithCr;
            return false;
        }
        if (line.Length + 1 > MaxTextLineOctets)
        {
            LineTooLong = true;
        }
        var content = endsWithCr ? line.Slice(0, line.Length - 1) : line;
        var startsWithDot = !content.IsEmpty && content.FirstSpan[0] == '.';
        if (startsWithDot && content.Length == 1 && _previousLineEndedWithCrLf && endsWithCr)
        {
            return true;
        }
        _previousLineEndedWithCrLf = endsWithCr;
        Append(startsWithDot && content.Length > 1 ? content.Slice(1) : content);
        return false;
    }

    private void Append(ReadOnlySequence<byte> content)
    {
        MessageBytes += content.Length + 2;
        if (MessageBytes > maxMessageBytes)
        {
            TooBig = true;
        }
        if (TooBig || LineTooLong)
        {
            return;
        }
        foreach (var segment in content)
        {
            spool.Write(segment.Span);
        }
        spool.Write("\r\n"u8);
    }
}
