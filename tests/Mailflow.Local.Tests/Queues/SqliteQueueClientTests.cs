using Mailflow.Core.Ports;
using Mailflow.Local.Queues;
using Mailflow.Local.Tests.Queues.Support;
using static Mailflow.Local.Tests.Queues.Support.QueueEngineTestExtensions;

namespace Mailflow.Local.Tests.Queues;

public class SqliteQueueClientTests
{
    [Fact]
    public async Task SendAsync_puts_the_body_on_the_queue_with_string_attributes()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("app1");
        var client = new SqliteQueueClient(context.Engine);

        await client.SendAsync(
            "app1",
            new QueueMessage("{\"schema\":\"mailflow.inbound/1\"}", new Dictionary<string, string> { ["mailflow-envelope-id"] = "ses-1.app1" }),
            CancellationToken.None);

        var message = await context.Engine.ReceiveOneAsync("app1");
        Assert.Equal("{\"schema\":\"mailflow.inbound/1\"}", message.Body);
        Assert.Equal(new MessageAttribute("String", "ses-1.app1"), message.Attributes["mailflow-envelope-id"]);
        Assert.Equal(
            SqsMd5.OfMessageAttributes(new Dictionary<string, MessageAttribute> { ["mailflow-envelope-id"] = MessageAttribute.OfString("ses-1.app1") }),
            message.Md5OfMessageAttributes);
    }

    [Fact]
    public async Task SendAsync_without_attributes_sends_none()
    {
        await using var context = QueueTestContext.OnFakeTime();
        await context.QueueAsync("app1");

        await new SqliteQueueClient(context.Engine).SendAsync("app1", new QueueMessage("x", new Dictionary<string, string>()), CancellationToken.None);

        var message = await context.Engine.ReceiveOneAsync("app1");
        Assert.Empty(message.Attributes);
        Assert.Null(message.Md5OfMessageAttributes);
    }

    [Fact]
    public async Task SendAsync_to_an_unknown_queue_is_QueueDoesNotExist()
    {
        await using var context = QueueTestContext.OnFakeTime();

        await RefusedAsync(
            () => new SqliteQueueClient(context.Engine).SendAsync("nope", new QueueMessage("x", new Dictionary<string, string>()), CancellationToken.None),
            QueueEngineException.QueueDoesNotExist);
    }
}
