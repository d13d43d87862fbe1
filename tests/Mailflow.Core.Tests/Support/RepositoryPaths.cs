namespace Mailflow.Core.Tests.Support;

/// <summary>Paths inside the repository, found from the test assembly's location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string MailFixtures => Path.Combine(Root, "tests", "fixtures", "mail");

    public static string Schemas => Path.Combine(Root, "docs", "schemas");

    public static string Docs => Path.Combine(Root, "docs");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Mailflow.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Mailflow.sln not found above " + AppContext.BaseDirectory);
    }
}
