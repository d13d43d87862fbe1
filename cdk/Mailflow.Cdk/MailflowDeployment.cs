using Mailflow.Cdk.Configuration;
using Mailflow.Cdk.Settings;

namespace Mailflow.Cdk;

/// <summary>Everything one stack is built from: the environment, its mailflow.json and the function bundles.</summary>
public sealed record MailflowDeployment(MailflowEnvironment Environment, MailflowConfigFile Config, LambdaBundles Bundles)
{
    /// <summary>The built dashboard (<c>dashboard/dist</c>); the stack uploads it only when the directory exists.</summary>
    public string? DashboardDist { get; init; }
}
