using Mailflow.Local.Queues;

namespace Mailflow.Local.Tests.Queues.Support;

/// <summary>Short forms for tests: no cancellation, plain text bodies.</summary>
internal static class QueueEngineTestExtensions
{
    public static Task<SendResult> SendTextAsync(this IQueueEngine engine, string queue, string body, TimeSpan? delay = null) =>
        engine.SendAsync(queue, new SendRequest(body, Delay: delay), CancellationToken.None);

    public static Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(
        this IQueueEngine engine, string queue, int max = 10, TimeSpan? visibility = null, TimeSpan? wait = null) =>
        engine.ReceiveAsync(queue, new ReceiveRequest(max, visibility, wait ?? TimeSpan.Zero), CancellationToken.None);

    public static async Task<ReceivedMessage> ReceiveOneAsync(this IQueueEngine engine, string queue, TimeSpan? visibility = null) =>
        Assert.Single(await engine.ReceiveAsync(queue, 1, visibility));

    public static Task<QueueStats> StatsAsync(this IQueueEngine engine, string queue) =>
        engine.GetStatsAsync(queue, CancellationToken.None);

    public static Task<IReadOnlyList<PeekedMessage>> PeekAsync(this IQueueEngine engine, string queue, int max = 100) =>
        engine.PeekAsync(queue, max, CancellationToken.None);

    public static async Task<QueueEngineException> RefusedAsync(Func<Task> action, string errorCode)
    {
        var error = await Assert.ThrowsAsync<QueueEngineException>(action);
        Assert.Equal(errorCode, error.ErrorCode);
        return error;
    }
}
