using Amazon.Runtime;
using Amazon.SQS;

namespace Mailflow.Local.Tests.Sqs;

/// <summary>AWSSDK.SQS clients as an application would configure them for a local endpoint (DESIGN.md §4).</summary>
public static class SqsClients
{
    public static AmazonSQSClient For(Uri url) => new(
        new BasicAWSCredentials("x", "x"),
        new AmazonSQSConfig
        {
            ServiceURL = url.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(30),
        });
}
