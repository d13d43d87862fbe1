namespace Mailflow.Core.Outbound;

/// <summary>An address with an optional display name.</summary>
public sealed record OutboundAddress
{
    public string? Address { get; set; }
    public string? Name { get; set; }
}
