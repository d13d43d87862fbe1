using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Mailflow.Local.Storage;

/// <summary>
/// Keeps a stored mail's SMTP envelope in an extended attribute of the mail file itself (<c>user.mailflow.envelope</c>,
/// see xattr(7)) rather than in a second file: creating a file is the costliest step of storing a mail under load,
/// and an attribute is written with the file's metadata, made durable by the same sync. Filesystems without user
/// attributes make <see cref="TryWrite"/> return false; callers then fall back to a sidecar file.
/// </summary>
internal static partial class EnvelopeAttribute
{
    private const string Name = "user.mailflow.envelope";
    private const int MaxSize = 64 * 1024;

    public static bool TryWrite(SafeFileHandle file, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(value);
        return OperatingSystem.IsLinux() && value.Length <= MaxSize && SetAttribute(file, Name, value, (nuint)value.Length, 0) == 0;
    }

    /// <summary>The attribute's bytes, or null when the file has none (or the filesystem keeps none).</summary>
    public static byte[]? TryRead(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        var buffer = new byte[MaxSize];
        var length = GetAttribute(path, Name, buffer, (nuint)buffer.Length);
        return length < 0 ? null : buffer[..(int)length];
    }

    [LibraryImport("libc", EntryPoint = "fsetxattr", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetAttribute(SafeFileHandle fd, string name, byte[] value, nuint size, int flags);

    [LibraryImport("libc", EntryPoint = "getxattr", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint GetAttribute(string path, string name, byte[] value, nuint size);
}
