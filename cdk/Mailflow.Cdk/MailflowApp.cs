using Amazon.CDK;
using Mailflow.Cdk.Configuration;
using Mailflow.Cdk.Settings;

namespace Mailflow.Cdk;

/// <summary>The CDK app: one <see cref="MailflowStack"/> per selected environment (the <c>env</c> context, or all).</summary>
public static class MailflowApp
{
    /// <param name="bundles">The function bundles, found once (they do not depend on the environment).</param>
    /// <param name="dashboardDist">The built dashboard; default <c>dashboard/dist</c> under the repository root.</param>
    public static IReadOnlyList<MailflowStack> AddStacks(App app, string repositoryRoot, Func<LambdaBundles> bundles, string? dashboardDist = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(bundles);
        var environments = EnvironmentContext.Selected(app.Node);
        var found = bundles();
        return environments
            .Select(environment => new MailflowStack(app, new MailflowDeployment(
                environment,
                ConfigFileLoader.Load(Path.Combine(repositoryRoot, environment.ConfigFile)),
                found)
            {
                DashboardDist = dashboardDist ?? Path.Combine(repositoryRoot, "dashboard", "dist"),
            }))
            .ToList();
    }
}
