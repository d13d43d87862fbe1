namespace Mailflow.Core.Outbound;

/// <summary>
/// One thing wrong with an outbound envelope: where (a JSON path such as <c>$.to[1].address</c>), why (a stable
/// reason code from <see cref="Policy.ReasonCodes"/>) and what to do. Messages never quote a full address, subject or
/// body: they end up in logs and dead-letter attributes.
/// </summary>
public sealed record OutboundProblem(string Path, string ReasonCode, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
