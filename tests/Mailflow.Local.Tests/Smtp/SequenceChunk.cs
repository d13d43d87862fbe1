using System.Buffers;

namespace Mailflow.Local.Tests.Smtp;

/// <summary>Builds multi-segment sequences, as a socket delivers them, to test parsers across segment boundaries.</summary>
public sealed class SequenceChunk : ReadOnlySequenceSegment<byte>
{
    private SequenceChunk(ReadOnlyMemory<byte> memory, SequenceChunk? previous)
    {
        Memory = memory;
        if (previous is not null)
        {
            RunningIndex = previous.RunningIndex + previous.Memory.Length;
            previous.Next = this;
        }
    }

    public static ReadOnlySequence<byte> Join(params byte[][] parts)
    {
        var nonEmpty = parts.Where(p => p.Length > 0).ToArray();
        if (nonEmpty.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }
        var first = new SequenceChunk(nonEmpty[0], null);
        var last = first;
        foreach (var part in nonEmpty.Skip(1))
        {
            last = new SequenceChunk(part, last);
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
