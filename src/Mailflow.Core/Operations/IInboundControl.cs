namespace Mailflow.Core.Operations;

/// <summary>
/// The rollback switches (DESIGN §3): pause/resume processing (mail keeps arriving and waits), disable/enable receiving
/// (senders get rejections). Locally the state file <c>mailflow inbound</c> changes; on AWS the worker's inbound event
/// source mapping and the environment's receipt rule.
/// </summary>
public interface IInboundControl
{
    Task<InboundStatus> GetAsync(CancellationToken cancellationToken);

    /// <summary>Applies the switch and returns the state it left, with its consequence.</summary>
    Task<InboundStatus> ApplyAsync(InboundSwitch change, CancellationToken cancellationToken);
}
