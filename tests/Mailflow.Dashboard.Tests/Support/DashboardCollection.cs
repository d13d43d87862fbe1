namespace Mailflow.Dashboard.Tests.Support;

/// <summary>Every dashboard test shares one Chromium; the assembly runs its tests one at a time (AssemblyInfo.cs).</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<Chromium>
{
    public const string Name = "Dashboard";
}
