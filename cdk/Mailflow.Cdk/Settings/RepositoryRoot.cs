namespace Mailflow.Cdk.Settings;

/// <summary>The directory holding cdk.json: the CDK CLI runs the app there, <c>dotnet run --project</c> may run it anywhere below.</summary>
public static class RepositoryRoot
{
    public const string CdkJson = "cdk.json";

    /// <exception cref="InvalidOperationException">No cdk.json in <paramref name="start"/> or above.</exception>
    public static string Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, CdkJson)))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No {CdkJson} in {start} or any directory above it; run the CDK app from the Mailflow repository.");
    }
}
