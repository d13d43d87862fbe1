namespace Mailflow.Core.Ports;

/// <summary>Where received raw MIME lives (S3 on AWS, the data directory locally).</summary>
public interface IRawMailStore
{
    /// <summary>Opens the raw mail for reading. The stream may be non-seekable; the pipeline spools it.</summary>
    /// <exception cref="RawMailNotFoundException">No object at that location.</exception>
    Task<Stream> OpenReadAsync(RawMailLocation location, CancellationToken cancellationToken);
}
