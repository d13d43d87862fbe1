using System.Net;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Mailflow.Core.Ports;

namespace Mailflow.Aws.Queues;

/// <summary>
/// Classifies one failed entry of a SendMessageBatch answer. <c>SenderFault</c> says whether the request was at fault
/// (API_BatchResultErrorEntry): a message SQS refuses as invalid (InvalidMessageContents, a value too long, …) will be
/// refused again, so it is permanent. Service faults are transient, and so are sender faults a retry can outlive:
/// throttling, and KMS errors of an SSE-KMS queue (a disabled key or a KMS throttle is an operator's or a moment's problem).
/// </summary>
internal static class SqsEntryFailure
{
    public static Exception ToException(BatchResultErrorEntry failure, string queueUrl)
    {
        var message = $"SQS did not accept a message for {queueUrl}: {failure.Code}: {failure.Message}";
        if (IsPermanent(failure))
        {
            return new PermanentFailureException(message);
        }
        return new AmazonSQSException(message, ErrorType.Receiver, failure.Code, requestId: null, HttpStatusCode.ServiceUnavailable);
    }

    internal static bool IsPermanent(BatchResultErrorEntry failure) =>
        failure.SenderFault == true
        && failure.Code is { } code
        && !code.StartsWith("KMS.", StringComparison.Ordinal)
        && !code.Contains("Throttl", StringComparison.OrdinalIgnoreCase);
}
