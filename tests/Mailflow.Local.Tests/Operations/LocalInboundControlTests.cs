using Mailflow.Core.Operations;
using Mailflow.Local.Inbound;
using Mailflow.Local.Smtp;
using Mailflow.Local.Tests.Smtp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailflow.Local.Tests.Operations;

public class LocalInboundControlTests
{
    [Theory]
    [InlineData(InboundState.Enabled, InboundSwitch.Pause, "paused")]
    [InlineData(InboundState.Enabled, InboundSwitch.Resume, "enabled")]
    [InlineData(InboundState.Enabled, InboundSwitch.Disable, "disabled")]
    [InlineData(InboundState.Enabled, InboundSwitch.Enable, "enabled")]
    [InlineData(InboundState.Paused, InboundSwitch.Pause, "paused")]
    [InlineData(InboundState.Paused, InboundSwitch.Resume, "enabled")]
    [InlineData(InboundState.Paused, InboundSwitch.Disable, "disabled")]
    [InlineData(InboundState.Paused, InboundSwitch.Enable, "enabled")]
    [InlineData(InboundState.Disabled, InboundSwitch.Pause, "disabled")]
    [InlineData(InboundState.Disabled, InboundSwitch.Resume, "disabled")]
    [InlineData(InboundState.Disabled, InboundSwitch.Disable, "disabled")]
    [InlineData(InboundState.Disabled, InboundSwitch.Enable, "enabled")]
    public async Task Each_switch_from_each_state_leaves_the_documented_state_in_the_state_file(InboundState from, InboundSwitch change, string expected)
    {
        await using var context = await LocalOperationsContext.StartAsync();
        await context.State.WriteAsync(from, CancellationToken.None);

        var status = await context.Inbound.ApplyAsync(change, CancellationToken.None);
        var onDisk = new InboundStateFile(context.Data, context.Clock).Read();

        Assert.Equal(expected, status.State);
        Assert.Equal(expected, InboundSwitches.Name(onDisk.State));
    }

    [Fact]
    public async Task The_status_says_what_each_state_means_for_senders_and_apps_here()
    {
        await using var context = await LocalOperationsContext.StartAsync();

        var initial = await context.Inbound.GetAsync(CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromMinutes(1));
        var paused = await context.Inbound.ApplyAsync(InboundSwitch.Pause, CancellationToken.None);
        var disabled = await context.Inbound.ApplyAsync(InboundSwitch.Disable, CancellationToken.None);

        Assert.Equal(("enabled", true, true, (DateTimeOffset?)null), (initial.State, initial.Receiving, initial.Processing, initial.ChangedAt));
        Assert.StartsWith("Mail is accepted", initial.Consequence, StringComparison.Ordinal);
        Assert.Equal(("paused", false, true, LocalOperationsContext.Start.AddMinutes(1)), (paused.State, paused.Receiving, paused.Processing, paused.ChangedAt!.Value));
        Assert.Contains("451 4.3.2", paused.Consequence, StringComparison.Ordinal);
        Assert.Contains("nothing is lost", paused.Consequence, StringComparison.Ordinal);
        Assert.Equal(("disabled", false, true), (disabled.State, disabled.Receiving, disabled.Processing));
        Assert.Contains("550 5.7.1", disabled.Consequence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_does_not_reopen_a_disabled_inbound_and_says_so_without_touching_the_change_time()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        var disabled = await context.Inbound.ApplyAsync(InboundSwitch.Disable, CancellationToken.None);
        context.Clock.Advance(TimeSpan.FromHours(1));

        var resumed = await context.Inbound.ApplyAsync(InboundSwitch.Resume, CancellationToken.None);

        Assert.Equal(("disabled", disabled.ChangedAt), (resumed.State, resumed.ChangedAt));
        Assert.StartsWith("Inbound is disabled, so resume changes nothing: enable it", resumed.Consequence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_written_by_another_process_is_the_state_the_control_reports()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        _ = await context.Inbound.GetAsync(CancellationToken.None);

        // `mailflow inbound pause` in another process: its own state file object on the same directory.
        await new InboundStateFile(context.Data, context.Clock).ApplyAsync(InboundSwitch.Pause, CancellationToken.None);

        Assert.Equal("paused", (await context.Inbound.GetAsync(CancellationToken.None)).State);
    }

    [Fact]
    public async Task The_SMTP_listener_answers_each_switch_as_its_consequence_says()
    {
        await using var context = await LocalOperationsContext.StartAsync();
        await using var listener = new SmtpListener(context.ListenerOptions, context.Receiver, NullLogger<SmtpListener>.Instance, context.Clock);
        await listener.StartAsync(CancellationToken.None);

        var answers = new List<string>();
        foreach (var change in new[] { InboundSwitch.Pause, InboundSwitch.Resume, InboundSwitch.Disable, InboundSwitch.Resume, InboundSwitch.Enable })
        {
            await context.Inbound.ApplyAsync(change, CancellationToken.None);
            await using var client = await RawSmtpClient.ConnectAsync(listener.LocalEndPoint);
            await client.CommandAsync("EHLO client.example");
            answers.Add((await client.CommandAsync("MAIL FROM:<sender@client.example>"))[..9]);
        }

        Assert.Equal(["451 4.3.2", "250 2.1.0", "550 5.7.1", "550 5.7.1", "250 2.1.0"], answers);
    }
}
