using Mailflow.Testing.Emulators;

namespace Mailflow.ApiFunction.Tests.Support;

/// <summary>The built API bundle: the Native AOT executable <c>make lambda-x64</c> publishes, exactly the file Lambda runs.</summary>
public static class ApiBundle
{
    public static string Bootstrap
    {
        get
        {
            var path = Path.Combine(RepositoryPaths.Root, "assets", "api-x64", "bootstrap");
            return File.Exists(path) ? path : throw new InvalidOperationException($"{path} does not exist: run make lambda-x64 first.");
        }
    }
}
