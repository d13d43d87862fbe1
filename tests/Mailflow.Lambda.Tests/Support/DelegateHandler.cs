using Mailflow.Lambda.Runtime;

namespace Mailflow.Lambda.Tests.Support;

/// <summary>A handler made of a function, disposable so tests can see the host dispose it.</summary>
public sealed class DelegateHandler(Func<LambdaInvocation, CancellationToken, Task<byte[]>> handle) : ILambdaHandler, IAsyncDisposable
{
    public bool Disposed { get; private set; }

    public Task<byte[]> HandleAsync(LambdaInvocation invocation, CancellationToken cancellationToken) => handle(invocation, cancellationToken);

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
