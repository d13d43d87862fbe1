using Mailflow.Testing.Emulators;

namespace Mailflow.Worker.Tests.Support;

/// <summary>The built worker bundle: the Native AOT executable <c>make lambda-x64</c> publishes, exactly the file Lambda runs.</summary>
public static class WorkerBundle
{
    public static string Bootstrap
    {
        get
        {
            var path = Path.Combine(RepositoryPaths.Root, "assets", "worker-x64", "bootstrap");
            return File.Exists(path) ? path : throw new InvalidOperationException($"{path} does not exist: run make lambda-x64 first.");
        }
    }
}
