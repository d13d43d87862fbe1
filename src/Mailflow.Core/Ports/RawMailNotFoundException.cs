namespace Mailflow.Core.Ports;

/// <summary>The raw mail a notification points at does not exist (expired, deleted or never written): permanent.</summary>
public sealed class RawMailNotFoundException(RawMailLocation location)
    : PermanentFailureException($"No raw mail at {location}: it expired, was deleted, or was never stored.")
{
    public RawMailLocation Location { get; } = location;
}
