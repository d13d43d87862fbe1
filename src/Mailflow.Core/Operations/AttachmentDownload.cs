namespace Mailflow.Core.Operations;

/// <summary>Either <paramref name="RedirectTo"/> or <paramref name="Content"/> is set.</summary>
public sealed record AttachmentDownload(Uri? RedirectTo, Stream? Content);
