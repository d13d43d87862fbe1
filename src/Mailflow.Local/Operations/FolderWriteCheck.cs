using Mailflow.Core.Operations;

namespace Mailflow.Local.Operations;

/// <summary>
/// A data directory folder the gateway writes (raw mail, attachments) takes a file: a probe is written and deleted.
/// The folder is created when missing, as the stores do on their first write.
/// </summary>
public sealed class FolderWriteCheck(string name, string folder) : IDependencyCheck
{
    public string Name { get; } = name;

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        // Starts with a dot and has no envelope: start-up recovery treats a probe a crash left behind as an interrupted write and removes it.
        var probe = Path.Combine(folder, $".health-probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(probe, [1], cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The {Name} folder {folder} is not writable: {e.Message}", e);
        }
    }
}
