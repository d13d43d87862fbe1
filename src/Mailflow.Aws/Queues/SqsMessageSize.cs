using System.Text;
using Mailflow.Core.Ports;

namespace Mailflow.Aws.Queues;

/// <summary>
/// A message's size as SQS counts it against its limits: the UTF-8 bytes of the body plus, for every attribute, of its
/// name, data type and value ("message attributes count toward the message size",
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html).
/// </summary>
internal static class SqsMessageSize
{
    public const string StringDataType = "String";

    public static int Of(QueueMessage message)
    {
        var size = Encoding.UTF8.GetByteCount(message.Body);
        foreach (var (name, value) in message.Attributes)
        {
            size += Encoding.UTF8.GetByteCount(name) + StringDataType.Length + Encoding.UTF8.GetByteCount(value);
        }
        return size;
    }
}
