using Mailflow.Local.Queues;
using Mailflow.Local.Tests.Queues.Support;
using static Mailflow.Local.Tests.Queues.Support.QueueEngineTestExtensions;

namespace Mailflow.Local.Tests.Queues;

public class QueueSettingsTests
{
    [Fact]
    public async Task EnsureQueue_creates_then_updates_and_list_and_get_show_the_settings()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("dlq");
        var created = await context.QueueAsync("jobs");
        var updated = created with
        {
            VisibilityTimeout = TimeSpan.FromMinutes(2),
            MessageRetention = TimeSpan.FromDays(14),
            Delay = TimeSpan.FromSeconds(15),
            ReceiveWaitTime = TimeSpan.FromSeconds(20),
            MaximumMessageSize = 1_048_576,
            DeadLetterQueue = "dlq",
            MaxReceiveCount = 7,
        };

        await context.Engine.EnsureQueueAsync(updated, CancellationToken.None);
        await context.Engine.EnsureQueueAsync(updated, CancellationToken.None);

        Assert.Equal(updated, await context.Engine.GetQueueAsync("jobs", CancellationToken.None));
        Assert.Equal(["dlq", "jobs"], (await context.Engine.ListQueuesAsync(CancellationToken.None)).Select(q => q.Name));
        Assert.Null(await context.Engine.GetQueueAsync("Jobs", CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("dotted.name")]
    [InlineData("jobs.fifo")]
    [InlineData("ünicode")]
    public async Task EnsureQueue_with_an_invalid_name_is_InvalidParameterValue(string name)
    {
        await using var context = QueueTestContext.OnFakeTime();

        await RefusedAsync(() => context.QueueAsync(name), QueueEngineException.InvalidParameterValue);
    }

    [Fact]
    public async Task Queue_names_may_have_80_characters_but_not_81()
    {
        await using var context = QueueTestContext.OnFakeTime();

        await context.QueueAsync(new string('a', 79) + "-");
        await RefusedAsync(() => context.QueueAsync(new string('b', 81)), QueueEngineException.InvalidParameterValue);
    }

    public static TheoryData<string, Func<QueueSettings, QueueSettings>> OutOfRangeSettings => new()
    {
        { "visibility over 12 h", q => q with { VisibilityTimeout = TimeSpan.FromHours(12.01) } },
        { "retention under 60 s", q => q with { MessageRetention = TimeSpan.FromSeconds(59) } },
        { "retention over 14 days", q => q with { MessageRetention = TimeSpan.FromDays(15) } },
        { "delay over 900 s", q => q with { Delay = TimeSpan.FromSeconds(901) } },
        { "wait over 20 s", q => q with { ReceiveWaitTime = TimeSpan.FromSeconds(21) } },
        { "size under 1 KiB", q => q with { MaximumMessageSize = 1_023 } },
        { "size over 1 MiB", q => q with { MaximumMessageSize = 1_048_577 } },
        { "its own DLQ", q => q with { DeadLetterQueue = q.Name } },
        { "maxReceiveCount 0", q => q with { DeadLetterQueue = "dlq", MaxReceiveCount = 0 } },
    };

    [Theory]
    [MemberData(nameof(OutOfRangeSettings))]
    public async Task EnsureQueue_outside_SQS_limits_is_InvalidParameterValue(string why, Func<QueueSettings, QueueSettings> configure)
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("dlq");

        var error = await RefusedAsync(() => context.QueueAsync("jobs", configure), QueueEngineException.InvalidParameterValue);
        Assert.False(string.IsNullOrWhiteSpace(error.Message), why);
    }

    [Fact]
    public async Task EnsureQueue_naming_a_missing_DLQ_is_QueueDoesNotExist()
    {
        await using var context = QueueTestContext.OnFakeTime();

        var error = await RefusedAsync(() => context.QueueAsync("jobs", q => q with { DeadLetterQueue = "missing" }), QueueEngineException.QueueDoesNotExist);
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }
}
