using Mailflow.Core.Operations;

namespace Mailflow.Local.Inbound;

/// <summary>
/// What each rollback switch does to local mode's one inbound state, and what each state means for senders and apps;
/// shared by <c>mailflow inbound</c> and the API's <see cref="Mailflow.Local.Operations.LocalInboundControl"/> so that both say the same.
/// <list type="bullet">
/// <item>pause and resume move only between enabled and paused: they are operator switches, and resuming must not
/// reopen an inbound an admin disabled (nor pausing loosen its 550 into a 451);</item>
/// <item>disable applies from any state; enable always leaves enabled (it is the admin's way out of pause too).</item>
/// </list>
/// A switch that does not apply leaves the state (and its change time) as it was.
/// </summary>
public static class InboundSwitches
{
    public static InboundState Next(InboundState current, InboundSwitch change) => (current, change) switch
    {
        (InboundState.Enabled, InboundSwitch.Pause) => InboundState.Paused,
        (InboundState.Paused, InboundSwitch.Resume) => InboundState.Enabled,
        (_, InboundSwitch.Disable) => InboundState.Disabled,
        (_, InboundSwitch.Enable) => InboundState.Enabled,
        _ => current,
    };

    /// <summary>
    /// What the state means here. Local mode has one switch for both: the SMTP listener defers (paused, 451) or refuses
    /// (disabled, 550) new mail, and the worker keeps processing what is already queued in every state.
    /// </summary>
    public static string Consequence(InboundState state) => state switch
    {
        InboundState.Paused =>
            "New mail gets 451 4.3.2: senders keep it and retry later; nothing is lost. Mail already queued is still processed and delivered to the apps.",
        InboundState.Disabled =>
            "New mail gets 550 5.7.1: senders get a rejection and do not retry. Mail already queued is still processed. Use pause to hold mail instead.",
        _ => "Mail is accepted: the SMTP listener answers 250 once a mail is stored and queued, and the worker routes it to the apps.",
    };

    /// <summary>Why a switch left the state as it was, or null when it applied (or the state already was its target).</summary>
    public static string? NotApplied(InboundState current, InboundSwitch change) => (current, change) switch
    {
        (InboundState.Disabled, InboundSwitch.Pause or InboundSwitch.Resume) =>
            $"Inbound is disabled, so {change.ToString().ToLowerInvariant()} changes nothing: enable it (an admin switch) to accept mail again.",
        _ => null,
    };

    /// <summary>The state's lower-case name, as the state file, the CLI and the API spell it.</summary>
    public static string Name(InboundState state) => state switch
    {
        InboundState.Paused => InboundStatus.Paused,
        InboundState.Disabled => InboundStatus.Disabled,
        _ => InboundStatus.Enabled,
    };
}
