using Mailflow.Local.Queues;
using Microsoft.Extensions.Time.Testing;

namespace Mailflow.Local.Tests.Queues.Support;

/// <summary>A queue engine on a real SQLite file in a fresh temp directory, on fake time unless a test needs real waiting.</summary>
internal sealed class QueueTestContext : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mailflow-queue-tests", Guid.NewGuid().ToString("N"));

    private QueueTestContext(TimeProvider time)
    {
        Time = time;
        Engine = new SqliteQueueEngine(DatabasePath, time);
    }

    public TimeProvider Time { get; }

    /// <summary>The fake clock; throws for a context on real time.</summary>
    public FakeTimeProvider Clock => (FakeTimeProvider)Time;

    public string DatabasePath => Path.Combine(_directory, "mailflow.db");

    public SqliteQueueEngine Engine { get; private set; }

    public static QueueTestContext OnFakeTime() => new(new FakeTimeProvider(Start));

    public static QueueTestContext OnRealTime() => new(TimeProvider.System);

    public async Task<QueueSettings> QueueAsync(string name, Func<QueueSettings, QueueSettings>? configure = null)
    {
        var settings = configure is null ? new QueueSettings(name) : configure(new QueueSettings(name));
        await Engine.EnsureQueueAsync(settings, CancellationToken.None);
        return settings;
    }

    /// <summary>Closes the engine and opens a new one on the same file, as a restart would.</summary>
    public async Task ReopenAsync()
    {
        await Engine.DisposeAsync();
        Engine = new SqliteQueueEngine(DatabasePath, Time);
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
