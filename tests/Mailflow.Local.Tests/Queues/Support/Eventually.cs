using System.Diagnostics;

namespace Mailflow.Local.Tests.Queues.Support;

/// <summary>Waits (real time, at most 2 s) for background work such as a move task; fails with the last observed value.</summary>
internal static class Eventually
{
    public static async Task<T> ReachesAsync<T>(Func<Task<T>> observe, Func<T, bool> done, Action? beforeEachLook = null)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            beforeEachLook?.Invoke();
            var value = await observe();
            if (done(value))
            {
                return value;
            }

            if (elapsed.Elapsed > TimeSpan.FromSeconds(2))
            {
                Assert.Fail($"Not reached within 2 s; last value: {value}");
            }

            await Task.Delay(10);
        }
    }
}
