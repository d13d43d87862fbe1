using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Mailflow.Local.Sqs;

/// <summary>A successful action's JSON response body.</summary>
internal readonly record struct SqsReply(byte[] Body)
{
    /// <summary>The answer of actions that return nothing (DeleteMessage, PurgeQueue, …).</summary>
    public static SqsReply Empty { get; } = new("{}"u8.ToArray());

    public static SqsReply Of<T>(T value, JsonTypeInfo<T> typeInfo) => new(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
}
