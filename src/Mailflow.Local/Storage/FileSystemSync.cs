using System.Runtime.InteropServices;

namespace Mailflow.Local.Storage;

/// <summary>
/// Group commit for files: callers that have written files ask for them to be durable and wait; one thread calls
/// syncfs(2) on the data directory's filesystem for everyone who asked before it started, data and metadata (new
/// names) alike. Sixteen SMTP sessions storing mail at once then share one sync instead of two fsyncs each, the
/// largest kernel cost in the local load profile. Where syncfs is not available, it falls back to sync(2).
/// </summary>
public sealed partial class FileSystemSync : IDisposable
{
    private readonly object _gate = new();
    private readonly int _directoryHandle;
    private readonly Thread _thread;
    private TaskCompletionSource? _pending;
    private bool _disposed;

    public FileSystemSync(string directory)
    {
        _directoryHandle = OperatingSystem.IsLinux() ? Open(directory, 0) : -1;
        _thread = new Thread(Run) { IsBackground = true, Name = "mailflow-file-sync" };
        _thread.Start();
    }

    /// <summary>Completes once everything written before the call is on disk.</summary>
    public Task SyncAsync()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pending ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Monitor.Pulse(_gate);
            return _pending.Task;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.Pulse(_gate);
        }
        _thread.Join();
        if (_directoryHandle >= 0)
        {
            _ = Close(_directoryHandle);
        }
    }

    private void Run()
    {
        while (true)
        {
            TaskCompletionSource round;
            lock (_gate)
            {
                while (_pending is null && !_disposed)
                {
                    Monitor.Wait(_gate);
                }
                if (_pending is null)
                {
                    return;
                }
                round = _pending;
                _pending = null;
            }
            // Everyone in this round asked before the sync below started, so it covers their writes.
            var failed = _directoryHandle >= 0 ? SyncFileSystem(_directoryHandle) != 0 : SyncAll() != 0;
            if (failed)
            {
                round.SetException(new IOException($"syncfs failed (errno {Marshal.GetLastPInvokeError()}): stored files may not be durable."));
            }
            else
            {
                round.SetResult();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int SyncFileSystem(int fd);

    [LibraryImport("libc", EntryPoint = "sync", SetLastError = true)]
    private static partial int SyncAll();

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
