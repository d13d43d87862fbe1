namespace Mailflow.Lambda.Tests.Support;

/// <summary>Paths inside the repository, found from the test assembly's location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string EventFixtures => Path.Combine(Root, "tests", "fixtures", "events");

    public static byte[] Event(string name) => File.ReadAllBytes(Path.Combine(EventFixtures, name));

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
