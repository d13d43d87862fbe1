namespace Mailflow.Core.Outbound;

/// <summary>An attachment given inline (<see cref="Content"/>, base64) or by <see cref="StorageKey"/> (a key in the attachment store).</summary>
public sealed record OutboundAttachment
{
    public string? Filename { get; set; }
    public string? ContentType { get; set; }
    public string? Content { get; set; }
    public string? StorageKey { get; set; }

    /// <summary>For inline images referenced from the HTML as <c>cid:</c>.</summary>
    public string? ContentId { get; set; }
}
