namespace Mailflow.Cli.Hosting;

/// <summary>One file of the built dashboard, held in memory with its gzip form, each with its own validator.</summary>
internal sealed record DashboardFile(string Path, string ContentType, byte[] Content, byte[] Gzip, string ETag)
{
    public string GzipETag => ETag.Insert(ETag.Length - 1, "-gz");
}
