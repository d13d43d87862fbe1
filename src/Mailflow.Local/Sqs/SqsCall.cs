using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mailflow.Local.Queues;

namespace Mailflow.Local.Sqs;

/// <summary>One request to an action: its JSON body, the queue engine, and the addresses queues are known by.</summary>
internal sealed class SqsCall(IQueueEngine engine, SqsQueueAddresses addresses, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
{
    public IQueueEngine Engine { get; } = engine;

    public SqsQueueAddresses Addresses { get; } = addresses;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The request body as the action's input shape; malformed JSON is the caller's error, with the parser's reason.</summary>
    public T Read<T>(JsonTypeInfo<T> typeInfo) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(body.Span, typeInfo)
                ?? throw MalformedBody("the body is JSON null");
        }
        catch (JsonException exception)
        {
            throw MalformedBody(exception.Message);
        }
    }

    /// <summary>The settings of the queue a QueueUrl names, or QueueDoesNotExist.</summary>
    public async Task<QueueSettings> QueueAsync(string? queueUrl)
    {
        var name = SqsQueueAddresses.NameFromUrl(queueUrl);
        return await Engine.GetQueueAsync(name, CancellationToken) ?? throw SqsError.QueueDoesNotExist(name);
    }

    /// <summary>
    /// The code AWS JSON 1.0 services give a body they cannot read. The SDKs never send one; a hand-written client
    /// (curl, a test) gets told where the JSON went wrong.
    /// </summary>
    private static SqsError MalformedBody(string reason) =>
        new("SerializationException", $"The request body is not a valid JSON object for this action: {reason}");
}
