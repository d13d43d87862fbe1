using Mailflow.Core.Configuration;
using Mailflow.Local.Hosting;

namespace Mailflow.Local.Tests.Hosting;

public class LocalQueueTopologyTests
{
    [Fact]
    public void Every_queue_has_a_dlq_with_the_configured_receive_count_and_retention()
    {
        var config = DefaultConfig.Instance with
        {
            Queues = new QueuesConfig { MaxReceiveCount = 7 },
            Retention = new RetentionConfig { QueueMessageSeconds = 3600 },
        };

        var queues = LocalQueueTopology.For(config);

        Assert.Equal(10, queues.Count);
        var app1 = queues.Single(q => q.Name == "mailflow-local-app1");
        Assert.Equal(("mailflow-local-app1-dlq", 7, TimeSpan.FromHours(1)), (app1.DeadLetterQueue, app1.MaxReceiveCount, app1.MessageRetention));
        var dlq = queues.Single(q => q.Name == "mailflow-local-app1-dlq");
        Assert.Null(dlq.DeadLetterQueue);
        Assert.Equal(TimeSpan.FromDays(14), dlq.MessageRetention);
    }
}
