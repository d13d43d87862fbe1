namespace Mailflow.Cdk.Configuration;

/// <summary>One app of mailflow.json, as far as the infrastructure cares: its name (its queue) and its extra addresses (the SES identities it may send as).</summary>
public sealed record AppEntry
{
    public string Name { get; init; } = "";

    public IReadOnlyList<string> Addresses { get; init; } = [];
}
