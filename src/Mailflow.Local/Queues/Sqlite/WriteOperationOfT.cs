using Microsoft.Data.Sqlite;

namespace Mailflow.Local.Queues.Sqlite;

/// <summary>A <see cref="WriteOperation"/> whose caller awaits a <typeparamref name="T"/>.</summary>
internal sealed class WriteOperation<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) : WriteOperation
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _error;

    public Task<T> Task => _completion.Task;

    public override bool IsCancellationRequested => cancellationToken.IsCancellationRequested;

    public override void Execute(SqliteConnection connection)
    {
        try
        {
            _result = work(connection);
        }
        catch (Exception error)
        {
            _error = error;
            throw;
        }
    }

    public override void Fail(Exception error) => _completion.TrySetException(error);

    public override void Cancel() => _completion.TrySetCanceled(cancellationToken);

    public override void Complete()
    {
        if (_error is not null)
        {
            _completion.TrySetException(_error);
        }
        else
        {
            _completion.TrySetResult(_result!);
        }
    }
}
