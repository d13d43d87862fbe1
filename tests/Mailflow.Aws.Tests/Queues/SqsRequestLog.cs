using System.Collections.Concurrent;
using Amazon.Runtime;

namespace Mailflow.Aws.Tests.Queues;

/// <summary>Records every request a real SDK client issues (its BeforeRequestEvent), so tests can count what went over the wire.</summary>
internal sealed class SqsRequestLog
{
    private readonly ConcurrentQueue<AmazonWebServiceRequest> _requests = new();

    public SqsRequestLog(AmazonServiceClient client) =>
        client.BeforeRequestEvent += (_, e) =>
        {
            if (e is WebServiceRequestEventArgs { Request: { } request })
            {
                _requests.Enqueue(request);
            }
        };

    public IReadOnlyList<T> Of<T>() => [.. _requests.OfType<T>()];
}
