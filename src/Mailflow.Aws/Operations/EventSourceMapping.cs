namespace Mailflow.Aws.Operations;

/// <summary>
/// An event source mapping as GetEventSourceMapping/UpdateEventSourceMapping describe it: its <c>State</c> (Creating,
/// Enabling, Enabled, Disabling, Disabled, Updating, Deleting) and when it last changed
/// (https://docs.aws.amazon.com/lambda/latest/api/API_GetEventSourceMapping.html#API_GetEventSourceMapping_ResponseSyntax).
/// </summary>
public sealed record EventSourceMapping(string Uuid, string State, DateTimeOffset? LastModified)
{
    /// <summary>Disabled or Disabling: the mapping takes no new batches (Deleting neither).</summary>
    public bool IsStopped => State is "Disabled" or "Disabling" or "Deleting";
}
