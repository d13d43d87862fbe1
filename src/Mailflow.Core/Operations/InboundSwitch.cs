namespace Mailflow.Core.Operations;

/// <summary>The four rollback switches; pause/resume are operator actions, disable/enable admin actions.</summary>
public enum InboundSwitch
{
    Pause,
    Resume,
    Disable,
    Enable,
}
