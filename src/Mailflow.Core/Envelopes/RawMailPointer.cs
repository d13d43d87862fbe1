namespace Mailflow.Core.Envelopes;

/// <summary>Where the raw MIME is kept and how large it is.</summary>
public sealed record RawMailPointer(string StorageKey, long Size);
