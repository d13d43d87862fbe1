using System.Reflection;
using Amazon.SQS.Model;
using Mailflow.Local.Queues;
using SdkMessage = Amazon.SQS.Model.Message;
using SdkAttribute = Amazon.SQS.Model.MessageAttributeValue;

namespace Mailflow.Local.Tests.Queues;

/// <summary>
/// Digest vectors computed independently with Python's hashlib (/usr/bin/python3, struct.pack('>I', len) framing, names
/// sorted), then checked again against the AWS SDK's own response validation, which is what rejects a wrong digest.
/// </summary>
public class SqsMd5Tests
{
    private static readonly Dictionary<string, MessageAttribute> s_mixed = new(StringComparer.Ordinal)
    {
        ["zeta"] = MessageAttribute.OfString("z"),
        ["Alpha"] = new("Number", "-1.5e3"),
        ["bin"] = new("Binary", null, [0, 1, 2, 255]),
        ["img"] = new("Binary.png", null, [137, 80]),
        ["label"] = new("String.custom", "ünï"),
    };

    [Theory]
    [InlineData("hello", "5d41402abc4b2a76b9719d911017c592")]
    [InlineData("Grüße ✉ 😀\r\n", "8f8d9a855b2b3fdc99a96b4b3a30a477")]
    public void OfBody_IsHexMd5OfTheUtf8Body(string body, string expected) => Assert.Equal(expected, SqsMd5.OfBody(body));

    [Fact]
    public void OfMessageAttributes_OneStringAttribute_MatchesPythonVector() =>
        Assert.Equal(
            "7e45be12b1fb4cf84869065ab4ab94a7",
            SqsMd5.OfMessageAttributes(new Dictionary<string, MessageAttribute> { ["trace"] = MessageAttribute.OfString("abc") }));

    [Fact]
    public void OfMessageAttributes_MixedTypesAndLabels_MatchesPythonVectorWhateverTheInsertionOrder()
    {
        Assert.Equal("dbb637b9c7d4e22d0811cf685ae820ed", SqsMd5.OfMessageAttributes(s_mixed));
        var reversed = s_mixed.Reverse().ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        Assert.Equal("dbb637b9c7d4e22d0811cf685ae820ed", SqsMd5.OfMessageAttributes(reversed));
    }

    [Fact]
    public void OfMessageAttributes_None_IsNull()
    {
        Assert.Null(SqsMd5.OfMessageAttributes(null));
        Assert.Null(SqsMd5.OfMessageAttributes(new Dictionary<string, MessageAttribute>()));
    }

    [Fact]
    public void The_AWS_SDK_accepts_our_digests_of_a_received_message()
    {
        var body = "Grüße ✉ 😀";
        var message = new SdkMessage
        {
            MessageId = "m1",
            Body = body,
            MD5OfBody = SqsMd5.OfBody(body),
            MessageAttributes = s_mixed.ToDictionary(pair => pair.Key, pair => ToSdk(pair.Value)),
            MD5OfMessageAttributes = SqsMd5.OfMessageAttributes(s_mixed),
        };

        InvokeSdkValidation(message);

        message.MD5OfMessageAttributes = "00000000000000000000000000000000";
        var mismatch = Assert.IsAssignableFrom<Exception>(Record.Exception(() => InvokeSdkValidation(message)));
        Assert.Contains("MD5", mismatch.Message, StringComparison.Ordinal);
    }

    private static SdkAttribute ToSdk(MessageAttribute attribute) => attribute.BinaryValue is { } bytes
        ? new SdkAttribute { DataType = attribute.DataType, BinaryValue = new MemoryStream(bytes) }
        : new SdkAttribute { DataType = attribute.DataType, StringValue = attribute.StringValue };

    /// <summary>Amazon.SQS.Internal.ValidationResponseHandler.ValidateMD5(Message): internal, so reached by reflection.</summary>
    private static void InvokeSdkValidation(SdkMessage message)
    {
        var handler = typeof(ReceiveMessageResponse).Assembly.GetType("Amazon.SQS.Internal.ValidationResponseHandler", throwOnError: true)!;
        var validate = handler.GetMethod(
            "ValidateMD5", BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, [typeof(SdkMessage)])!;
        var target = validate.IsStatic ? null : Activator.CreateInstance(handler, nonPublic: true);
        try
        {
            validate.Invoke(target, [message]);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            throw error.InnerException;
        }
    }
}
