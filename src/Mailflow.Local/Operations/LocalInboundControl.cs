using Mailflow.Core.Operations;
using Mailflow.Local.Inbound;

namespace Mailflow.Local.Operations;

/// <summary>
/// The rollback switches on local mode's inbound state file, the one <c>mailflow inbound</c> changes and the SMTP
/// listener reads on every MAIL FROM. Locally one state stands for both switches: paused defers new mail (451, senders
/// retry) and disabled refuses it (550), while the worker processes queued mail in every state; so only
/// <see cref="InboundStatus.Enabled"/> is <see cref="InboundStatus.Receiving"/>, and every state is
/// <see cref="InboundStatus.Processing"/>. Transitions: <see cref="InboundSwitches"/>.
/// </summary>
public sealed class LocalInboundControl(InboundStateFile state) : IInboundControl
{
    public Task<InboundStatus> GetAsync(CancellationToken cancellationToken) => Task.FromResult(StatusOf(state.Read(), null));

    public async Task<InboundStatus> ApplyAsync(InboundSwitch change, CancellationToken cancellationToken)
    {
        var before = state.Read();
        var after = await state.ApplyAsync(change, cancellationToken).ConfigureAwait(false);
        return StatusOf(after, InboundSwitches.NotApplied(before.State, change));
    }

    private static InboundStatus StatusOf(InboundStateRecord record, string? note)
    {
        var consequence = InboundSwitches.Consequence(record.State);
        return new InboundStatus(
            InboundSwitches.Name(record.State),
            Receiving: record.State == InboundState.Enabled,
            Processing: true,
            record.ChangedAt,
            note is null ? consequence : $"{note} {consequence}");
    }
}
