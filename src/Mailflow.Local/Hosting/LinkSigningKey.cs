using System.Security.Cryptography;
using Mailflow.Local.Storage;

namespace Mailflow.Local.Hosting;

/// <summary>
/// The HMAC key of local attachment links, created once in the data directory (owner-only permissions) so that
/// links stay valid across restarts for as long as they claim.
/// </summary>
public static class LinkSigningKey
{
    public static byte[] LoadOrCreate(DataDirectory data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var path = Path.Combine(data.Root, "link-signing.key");
        if (File.Exists(path))
        {
            return File.ReadAllBytes(path);
        }
        var key = RandomNumberGenerator.GetBytes(32);
        using (var content = new MemoryStream(key))
        {
            DurableFile.WriteAsync(path, content, CancellationToken.None).GetAwaiter().GetResult();
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return key;
    }
}
