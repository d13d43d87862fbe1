namespace Mailflow.Local.Inbound;

/// <summary>The inbound state and when it last changed (null: never changed, enabled by default).</summary>
public sealed record InboundStateRecord(InboundState State, DateTimeOffset? ChangedAt)
{
    public static readonly InboundStateRecord Default = new(InboundState.Enabled, null);
}
