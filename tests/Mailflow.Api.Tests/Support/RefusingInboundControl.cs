using Mailflow.Core.Operations;

namespace Mailflow.Api.Tests.Support;

/// <summary>Switches whose platform refuses every call with <paramref name="code"/>, as AWS's Lambda or SES may.</summary>
public sealed class RefusingInboundControl(string code) : IInboundControl
{
    public Task<InboundStatus> GetAsync(CancellationToken cancellationToken) =>
        throw new InboundControlException(code, $"refused with {code}: check the role's lambda:GetEventSourceMapping permission");

    public Task<InboundStatus> ApplyAsync(InboundSwitch change, CancellationToken cancellationToken) =>
        throw new InboundControlException(code, $"refused with {code}");
}
