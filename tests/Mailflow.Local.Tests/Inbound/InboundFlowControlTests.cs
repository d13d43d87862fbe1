using Mailflow.Local.Inbound;

namespace Mailflow.Local.Tests.Inbound;

public class InboundFlowControlTests
{
    [Fact]
    public async Task Under_the_limit_a_session_does_not_wait()
    {
        var flow = new InboundFlowControl(limit: 2, maxDelay: TimeSpan.FromMinutes(1));
        flow.Accepted();

        var wait = flow.WaitForRoomAsync(CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task At_the_limit_a_session_waits_until_mail_is_routed()
    {
        var flow = new InboundFlowControl(limit: 2, maxDelay: TimeSpan.FromMinutes(1));
        flow.Accepted();
        flow.Accepted();

        var wait = flow.WaitForRoomAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);
        flow.Routed(1);

        await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, flow.Unrouted);
    }

    [Fact]
    public async Task The_wait_ends_after_the_longest_delay_even_if_nothing_is_routed()
    {
        var flow = new InboundFlowControl(limit: 1, maxDelay: TimeSpan.FromMilliseconds(100));
        flow.Accepted();

        await flow.WaitForRoomAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, flow.Unrouted);
    }

    [Fact]
    public void Routed_counts_never_go_below_zero()
    {
        var flow = new InboundFlowControl(limit: 1, maxDelay: TimeSpan.FromSeconds(1));

        flow.Routed(3);

        Assert.Equal(0, flow.Unrouted);
    }
}
