namespace Mailflow.Core.Operations;

/// <summary>
/// Where inbound mail stands. <paramref name="State"/> is <c>disabled</c> when mail is refused, else <c>paused</c> when
/// it is accepted but not processed, else <c>enabled</c>. <paramref name="Consequence"/> says in a sentence what that
/// means for senders and apps on this host.
/// </summary>
public sealed record InboundStatus(string State, bool Receiving, bool Processing, DateTimeOffset? ChangedAt, string Consequence)
{
    public const string Enabled = "enabled";
    public const string Paused = "paused";
    public const string Disabled = "disabled";
}
