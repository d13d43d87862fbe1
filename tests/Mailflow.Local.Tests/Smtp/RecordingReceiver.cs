using System.Collections.Concurrent;
using Mailflow.Local.Smtp;

namespace Mailflow.Local.Tests.Smtp;

/// <summary>
/// The listener's callback in these tests: records what it is given and answers like the receipt rules would.
/// Recipients whose local part starts with "unknown" are refused with 550 5.1.1.
/// </summary>
public sealed class RecordingReceiver : ISmtpReceiver
{
    private readonly ConcurrentQueue<ReceivedMail> _mails = new();
    private readonly ConcurrentQueue<(string ReversePath, long? DeclaredSize)> _senders = new();
    private int _failuresLeft;

    public IReadOnlyCollection<ReceivedMail> Mails => _mails;

    public IReadOnlyCollection<(string ReversePath, long? DeclaredSize)> Senders => _senders;

    /// <summary>While set, OnMessageAsync signals <see cref="MessageEntered"/> and waits for this gate before answering.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public TaskCompletionSource MessageEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when OnMessageAsync ended because its token was cancelled.</summary>
    public bool SawCancellation { get; private set; }

    /// <summary>The next <paramref name="count"/> messages make OnMessageAsync throw, as a failing disk would.</summary>
    public void FailNextMessages(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public SmtpReply OnMailFrom(string reversePath, long? declaredSize)
    {
        _senders.Enqueue((reversePath, declaredSize));
        return new SmtpReply(250, "2.1.0", "Sender OK");
    }

    public SmtpReply OnRecipient(string address) =>
        address.StartsWith("unknown", StringComparison.Ordinal)
            ? new SmtpReply(550, "5.1.1", "No such mailbox here")
            : new SmtpReply(250, "2.1.5", "Recipient OK");

    public async Task<SmtpReply> OnMessageAsync(string reversePath, IReadOnlyList<string> recipients, Stream message, CancellationToken cancellationToken)
    {
        var seekable = message.CanSeek;
        var start = message.Position;
        using var copy = new MemoryStream();
        await message.CopyToAsync(copy, cancellationToken);
        MessageEntered.TrySetResult();
        if (Gate is { } gate)
        {
            try
            {
                await gate.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                SawCancellation = true;
                throw;
            }
        }
        if (Volatile.Read(ref _failuresLeft) > 0 && Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new IOException("Simulated failure of the raw mail store");
        }
        _mails.Enqueue(new ReceivedMail(reversePath, [.. recipients], copy.ToArray(), seekable, start, (message as FileStream)?.Name));
        return new SmtpReply(250, "2.0.0", $"Queued as {_mails.Count}");
    }
}
