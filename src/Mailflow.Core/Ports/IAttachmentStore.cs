namespace Mailflow.Core.Ports;

/// <summary>Stores decoded attachments and claim-checked envelopes under keys Mailflow derives from its own ids.</summary>
public interface IAttachmentStore
{
    /// <summary>Writes the content under the key, replacing what is there (retries write the same bytes).</summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>Opens a stored object for reading.</summary>
    /// <exception cref="StoredObjectNotFoundException">Nothing is stored under the key.</exception>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);
}
