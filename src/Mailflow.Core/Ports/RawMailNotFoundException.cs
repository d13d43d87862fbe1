namespace Mailflow.Core.Ports;

/// <summary>The raw mail a notification points at does not exist (expired, deleted or never written).</summary>
public sealed class RawMailNotFoundException(RawMailLocation location)
    : Exception($"No raw mail at {location}: it expired, was deleted, or was never stored.")
{
    public RawMailLocation Location { get; } = location;
}
