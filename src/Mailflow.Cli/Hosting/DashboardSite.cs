using System.Collections.Frozen;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Mailflow.Cli.Hosting;

/// <summary>
/// The dashboard's static files (<c>dashboard/dist</c>, embedded in this assembly at build time as resources named
/// <c>dashboard/…</c>), compressed once at start-up: the whole site is a few hundred kilobytes, and serving it from
/// memory needs no files next to the executable. Empty when the CLI was built before the dashboard.
/// </summary>
internal sealed class DashboardSite
{
    private const string ResourcePrefix = "dashboard/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, DashboardFile> _files;

    private DashboardSite(FrozenDictionary<string, DashboardFile> files) => _files = files;

    public static DashboardSite Embedded { get; } = FromAssembly(typeof(DashboardSite).Assembly);

    /// <summary>Whether the dashboard was built into this executable (make build builds it first).</summary>
    public bool IsBuilt => _files.ContainsKey("/index.html");

    /// <param name="path">The request path: <c>/</c> is the index page.</param>
    public bool TryGet(string path, out DashboardFile file)
    {
        ArgumentNullException.ThrowIfNull(path);
        return _files.TryGetValue(path == "/" ? "/index.html" : path, out file!);
    }

    public static DashboardSite FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var files = new Dictionary<string, DashboardFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var path = "/" + name[ResourcePrefix.Length..].Replace('\\', '/');
            // Only files a browser asks for; the size report and anything unknown stay out.
            if (!ContentTypes.TryGetValue(Path.GetExtension(path), out var contentType) || path.EndsWith("/size-report.json", StringComparison.Ordinal))
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            files[path] = new DashboardFile(path, contentType, content, Compress(content), $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
        }
        return new DashboardSite(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static byte[] Compress(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(content);
        }
        return output.ToArray();
    }
}
