namespace Mailflow.Core.Operations;

/// <summary>
/// A rollback switch that could not be read or changed, with a stable code and a message that says what to check:
/// <c>inbound-control-unavailable</c> (throttled, a server error, a timeout, or the switch is busy with a previous
/// change: try again shortly), <c>inbound-control-denied</c> (the host's credentials may not read or change the switch),
/// <c>inbound-control-not-found</c> (the event source mapping, rule set or rule the host is configured with does not
/// exist), <c>inbound-control-rejected</c> (the platform refused the change itself). Suggested answers: 503 for the
/// first, 502 for the others, since in each case the platform behind the API refused.
/// </summary>
public sealed class InboundControlException : Exception
{
    public const string Unavailable = "inbound-control-unavailable";
    public const string Denied = "inbound-control-denied";
    public const string NotFound = "inbound-control-not-found";
    public const string Rejected = "inbound-control-rejected";

    public InboundControlException(string code, string message, Exception? innerException = null) : base(message, innerException) => Code = code;

    public InboundControlException()
    {
        Code = Unavailable;
    }

    public InboundControlException(string message) : base(message) => Code = Unavailable;

    public InboundControlException(string message, Exception innerException) : base(message, innerException) => Code = Unavailable;

    public string Code { get; }

    /// <summary>True when the same request may succeed later without anyone changing anything.</summary>
    public bool IsTransient => Code == Unavailable;
}
