using Mailflow.Core.Operations;
using Mailflow.Testing.Stubs;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>Each switch from each state against the fake Lambda and SES: the state it leaves, what it writes, what it says.</summary>
public sealed class AwsInboundControlStateTests
{
    [Theory]
    [InlineData(true, "Enabled", InboundStatus.Enabled, true, true)]
    [InlineData(true, "Enabling", InboundStatus.Enabled, true, true)]
    [InlineData(true, "Updating", InboundStatus.Enabled, true, true)]
    [InlineData(true, "Disabled", InboundStatus.Paused, true, false)]
    [InlineData(true, "Disabling", InboundStatus.Paused, true, false)]
    [InlineData(false, "Enabled", InboundStatus.Disabled, false, true)]
    [InlineData(false, "Disabled", InboundStatus.Disabled, false, false)]
    public async Task The_state_is_disabled_when_the_rule_is_off_else_paused_when_the_mapping_is_stopped_else_enabled(
        bool ruleEnabled, string mappingState, string expected, bool receiving, bool processing)
    {
        await using var plane = new FakeControlPlane(mappingState, ruleEnabled);
        using var control = new ControlUnderTest(plane);

        var status = await control.Control.GetAsync(CancellationToken.None);

        Assert.Equal(expected, status.State);
        Assert.Equal(receiving, status.Receiving);
        Assert.Equal(processing, status.Processing);
    }

    [Fact]
    public async Task Disable_right_after_reading_the_state_describes_the_rule_once_for_SESs_one_call_a_second_quota()
    {
        await using var plane = new FakeControlPlane();
        using var control = new ControlUnderTest(plane);

        await control.Control.GetAsync(CancellationToken.None);
        var status = await control.Control.ApplyAsync(InboundSwitch.Disable, CancellationToken.None);

        Assert.Equal(InboundStatus.Disabled, status.State);
        Assert.Equal(["DescribeReceiptRule", "UpdateReceiptRule"],
            plane.Requests.Select(FakeControlPlane.Action).Where(action => action.Length > 0));
        Assert.Equal("false", plane.Rule.Element(FakeControlPlane.Ses + "Enabled")!.Value);
    }

    [Fact]
    public async Task ChangedAt_is_the_mappings_LastModified_in_epoch_seconds()
    {
        await using var plane = new FakeControlPlane();
        using var control = new ControlUnderTest(plane);

        var status = await control.Control.GetAsync(CancellationToken.None);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1740821405123), status.ChangedAt);
    }

    [Fact]
    public async Task Pause_from_enabled_stops_the_mapping_and_says_mail_waits_in_the_inbound_queue_for_its_retention()
    {
        await using var plane = new FakeControlPlane();
        using var control = new ControlUnderTest(plane);

        var status = await control.Control.ApplyAsync(InboundSwitch.Pause, CancellationToken.None);

        Assert.Equal("Disabling", plane.MappingState);
        Assert.Equal(InboundStatus.Paused, status.State);
        Assert.True(status.Receiving);
        Assert.False(status.Processing);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1740821465123), status.ChangedAt);
        Assert.Contains("waits in mailflow-prod-inbound for up to 4 days", status.Consequence, StringComparison.Ordinal);
        Assert.Contains("Outbound mail is still sent", status.Consequence, StringComparison.Ordinal);
        Assert.Equal("true", plane.Rule.Element(FakeControlPlane.Ses + "Enabled")!.Value);
    }

    [Theory]
    [InlineData("Disabled")]
    [InlineData("Disabling")]
    public async Task Pause_when_already_paused_writes_nothing(string mappingState)
    {
        await using var plane = new FakeControlPlane(mappingState);
        using var control = new ControlUnderTest(plane);

        var status = await control.Control.ApplyAsync(InboundSwitch.Pause, CancellationToken.None);

        Assert.Equal(InboundStatus.Paused, status.State);
        Assert.DoesNotContain(plane.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Resume_from_paused_starts_the_mapping()
    {
        await using var plane = new FakeControlPlane("Disabled");
        using var control = new ControlUnderTest(plane);

        var status = await control.Control.ApplyAsync(InboundSwitch.Resume, CancellationToken.None);

        Assert.Equal("Enabling", plane.MappingState);
        Assert.Equal(InboundStatus.Enabled, status.State);
        Assert.True(status.Processing);
        Assert.Contains("processes it as it arrives", status.Consequence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_when_enabled_writes_nothing()
    {
        await using var plane = new FakeControlPlane("Enabled");
        using var control = new ControlUnderTest(plane);

        var status = await control.Control.ApplyAsync(InboundSwitch.Resume, CancellationToken.None);

        Assert.Equal(InboundStatus.Enabled, status.State);
        Assert.DoesNotContain(plane.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Pause_while_disabled_stops_the_mapping_and_the_state_stays_disabled()
    {
        await using var plane = new FakeControlPlane("Enabled", ruleEnabled: false);
        using var control = new ControlUnderTest(plane);

        var status = await control.Control.ApplyAsync(InboundSwitch.Pause, CancellationToken.None);

        Assert.Equal("Disabling", plane.MappingState);
        Assert.Equal(InboundStatus.Disabled, status.State);
        Assert.False(status.Processing);
        Assert.Contains("stays waiting in mailflow-prod-inbound", status.Consequence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_from_enabled_turns_the_rule_off_and_says_senders_get_a_bounce()
    {
        await using var plane = new FakeControlPlane();
        using var control = new ControlUnderTest(plane);

        var status = await control.Control.ApplyAsync(InboundSwitch.Disable, CancellationToken.None);

        Assert.Equal("false", plane.Rule.Element(FakeControlPlane.Ses + "Enabled")!.Value);
        Assert.Equal(InboundStatus.Disabled, status.State);
        Assert.False(status.Receiving);
        Assert.True(status.Processing);
        Assert.Equal(ControlUnderTest.Now, status.ChangedAt);
        Assert.Contains("SES rejects mail", status.Consequence, StringComparison.Ordinal);
        Assert.Contains("bounce", status.Consequence, StringComparison.Ordinal);
        Assert.Contains("Mail already in mailflow-prod-inbound is still processed", status.Consequence, StringComparison.Ordinal);
        Assert.Equal("Enabled", plane.MappingState);
    }

    [Fact]
    public async Task Disable_from_paused_leaves_the_mapping_stopped()
    {
        await using var plane = new FakeControlPlane("Disabled");
        using var control = new ControlUnderTest(plane);

        var status = await control.Control.ApplyAsync(InboundSwitch.Disable, CancellationToken.None);

        Assert.Equal(InboundStatus.Disabled, status.State);
        Assert.False(status.Processing);
        Assert.Equal("Disabled", plane.MappingState);
    }

    [Fact]
    public async Task Disable_when_already_disabled_writes_nothing_and_reports_no_change_time()
    {
        await using var plane = new FakeControlPlane(ruleEnabled: false);
        using var control = new ControlUnderTest(plane);

        var status = await control.Control.ApplyAsync(InboundSwitch.Disable, CancellationToken.None);

        Assert.Equal(InboundStatus.Disabled, status.State);
        Assert.Null(status.ChangedAt);
        Assert.DoesNotContain(plane.Requests, r => FakeControlPlane.Action(r) == "UpdateReceiptRule");
    }

    [Fact]
    public async Task Enable_from_disabled_turns_the_rule_on_and_a_paused_mapping_leaves_it_paused()
    {
        await using var plane = new FakeControlPlane("Disabled", ruleEnabled: false);
        using var control = new ControlUnderTest(plane);

        var status = await control.Control.ApplyAsync(InboundSwitch.Enable, CancellationToken.None);

        Assert.Equal("true", plane.Rule.Element(FakeControlPlane.Ses + "Enabled")!.Value);
        Assert.Equal(InboundStatus.Paused, status.State);
        Assert.True(status.Receiving);
    }

    [Fact]
    public async Task Enable_when_enabled_writes_nothing()
    {
        await using var plane = new FakeControlPlane();
        using var control = new ControlUnderTest(plane);

        var status = await control.Control.ApplyAsync(InboundSwitch.Enable, CancellationToken.None);

        Assert.Equal(InboundStatus.Enabled, status.State);
        Assert.DoesNotContain(plane.Requests, r => FakeControlPlane.Action(r) == "UpdateReceiptRule");
    }

    [Fact]
    public async Task Resume_while_disabled_starts_the_mapping_and_the_state_stays_disabled()
    {
        await using var plane = new FakeControlPlane("Disabled", ruleEnabled: false);
        using var control = new ControlUnderTest(plane);

        var status = await control.Control.ApplyAsync(InboundSwitch.Resume, CancellationToken.None);

        Assert.Equal("Enabling", plane.MappingState);
        Assert.Equal(InboundStatus.Disabled, status.State);
        Assert.True(status.Processing);
        Assert.Contains("Mail already in mailflow-prod-inbound is still processed", status.Consequence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enable_from_disabled_with_the_mapping_running_is_enabled_again()
    {
        await using var plane = new FakeControlPlane("Enabled", ruleEnabled: false);
        using var control = new ControlUnderTest(plane);

        var status = await control.Control.ApplyAsync(InboundSwitch.Enable, CancellationToken.None);

        Assert.Equal(InboundStatus.Enabled, status.State);
        Assert.Equal(ControlUnderTest.Now, status.ChangedAt);
        Assert.Equal("Enabled", plane.MappingState);
    }

    [Fact]
    public async Task An_unknown_switch_value_is_refused()
    {
        await using var plane = new FakeControlPlane();
        using var control = new ControlUnderTest(plane);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => control.Control.ApplyAsync((InboundSwitch)42, CancellationToken.None));
        Assert.Empty(plane.Requests);
    }
}
