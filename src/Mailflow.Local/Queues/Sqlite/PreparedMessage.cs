namespace Mailflow.Local.Queues.Sqlite;

/// <summary>A validated message with its id, digests and encoded attributes, ready to insert (prepared off the writer thread).</summary>
internal sealed record PreparedMessage(
    string MessageId,
    string Body,
    byte[]? Attributes,
    string Md5OfBody,
    string? Md5OfAttributes,
    long DelayMs,
    int Size)
{
    public static PreparedMessage From(SendRequest request, QueueSettings settings)
    {
        var size = MessageValidator.Validate(request, settings);
        var attributes = MessageAttributeCodec.Encode(request.Attributes);
        return new PreparedMessage(
            Guid.NewGuid().ToString(),
            request.Body,
            attributes,
            SqsMd5.OfBody(request.Body),
            attributes is null ? null : SqsMd5.OfEncodedAttributes(attributes),
            (long)(request.Delay ?? settings.Delay).TotalMilliseconds,
            size);
    }

    public SendResult ToResult() => new(MessageId, Md5OfBody, Md5OfAttributes);
}
