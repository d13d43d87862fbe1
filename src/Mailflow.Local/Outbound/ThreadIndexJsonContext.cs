using System.Text.Json.Serialization;

namespace Mailflow.Local.Outbound;

/// <summary>
/// The JSON arrays of Message-IDs in the thread index's rows. JSON rather than a separator because a Message-ID's left
/// part may hold almost any printable character (RFC 5322 §3.6.4 allows quoted strings); source-generated for AOT.
/// </summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class ThreadIndexJsonContext : JsonSerializerContext;
