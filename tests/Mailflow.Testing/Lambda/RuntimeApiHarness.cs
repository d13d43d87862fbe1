using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Mailflow.Testing.Lambda;

/// <summary>
/// Plays Lambda for a built function bundle (DESIGN.md §3): a Runtime API on 127.0.0.1 that starts the bundle's
/// <c>bootstrap</c> with Lambda's environment, serves it events, and collects what it posts, with timings.
/// <code>
/// await using var lambda = new RuntimeApiHarness();
/// await lambda.StartAsync("assets/worker/bootstrap", new Dictionary&lt;string, string&gt; { ["MAILFLOW_CONFIG"] = path });
/// var result = await lambda.InvokeAsync(File.ReadAllBytes("tests/fixtures/events/sqs-ses-notifications.json"), TimeSpan.FromSeconds(30));
/// </code>
/// <see cref="StartServerAsync"/> alone serves a runtime in the test process (pass <see cref="RuntimeApi"/> to it).
/// </summary>
public sealed class RuntimeApiHarness(RuntimeApiHarnessOptions? options = null) : IAsyncDisposable
{
    /// <summary>Lambda's limit for a synchronous invocation's response (6 MB, Lambda quotas); larger ones fail the invocation.</summary>
    public const int MaxResponseBytes = 6 * 1024 * 1024;

    private readonly RuntimeApiHarnessOptions _options = options ?? new RuntimeApiHarnessOptions();
    private readonly CancellationTokenSource _stopping = new();
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _exitHandled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private InvocationBoard? _board;
    private WebApplication? _server;
    private Process? _process;
    private string? _runtimeApi;
    private bool _disposed;
    private int? _exitCode;

    /// <summary>host:port of the Runtime API, the value of AWS_LAMBDA_RUNTIME_API.</summary>
    public string RuntimeApi => _runtimeApi ?? throw new InvalidOperationException("The harness is not started: call StartAsync or StartServerAsync first.");

    /// <summary>From the process start to its first response or invocation error: the cold start Lambda would bill and a caller would wait.</summary>
    public TimeSpan? ColdStart => _board?.ColdStart;

    /// <summary>From the process start to its first <c>next</c> call: the init phase (Lambda allows 10 s).</summary>
    public TimeSpan? InitDuration => _board?.InitDuration;

    /// <summary>Everything the function posted, in order.</summary>
    public IReadOnlyList<HarnessResult> Results => _board?.Results ?? [];

    /// <summary>The process's standard output and error, line by line as they came.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The process's exit code once it has exited.</summary>
    public int? ExitCode => _exitCode;

    /// <summary>Starts the Runtime API only, on 127.0.0.1 and a free port; returns <see cref="RuntimeApi"/>.</summary>
    public async Task<string> StartServerAsync(CancellationToken cancellationToken = default)
    {
        if (_runtimeApi is not null)
        {
            return _runtimeApi;
        }
        _board = new InvocationBoard(_options.TimeProvider);
        var endpoint = new RuntimeApiEndpoint(_board, _options, _stopping.Token);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 4L * MaxResponseBytes;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        _server = builder.Build();
        _server.Run(endpoint.HandleAsync);
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = new Uri(_server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        _runtimeApi = $"{address.Host}:{address.Port}";
        return _runtimeApi;
    }

    /// <summary>
    /// Starts the Runtime API and <paramref name="executable"/> (a bundle's <c>bootstrap</c>) in its own directory, with
    /// the variables Lambda sets, then <paramref name="environment"/>, then AWS_LAMBDA_RUNTIME_API.
    /// </summary>
    public async Task StartAsync(string executable, IDictionary<string, string> environment, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(executable);
        ArgumentNullException.ThrowIfNull(environment);
        if (_process is not null)
        {
            throw new InvalidOperationException("The harness already runs a process; use one harness per process.");
        }
        var path = Path.GetFullPath(executable);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No executable at {path}: build the bundle first (make lambda).", path);
        }
        var runtimeApi = await StartServerAsync(cancellationToken).ConfigureAwait(false);
        var start = new ProcessStartInfo(path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        if (!_options.InheritEnvironment)
        {
            start.Environment.Clear();
        }
        foreach (var (name, value) in LambdaEnvironment(start.WorkingDirectory))
        {
            start.Environment[name] = value;
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.Exited += (_, _) => OnExited(process);
        _board!.ProcessStarting();
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// Queues <paramref name="eventBody"/> and waits for the function's answer. <paramref name="timeout"/> is the function
    /// timeout: the deadline the function is told is that long after it asks for the event. An init error answers the
    /// invocation, as on Lambda; a process that exits first, or no answer by the deadline (plus a grace), throws with the
    /// process output in the message.
    /// </summary>
    public async Task<HarnessResult> InvokeAsync(byte[] eventBody, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(eventBody);
        var board = _board ?? throw new InvalidOperationException("The harness is not started: call StartAsync or StartServerAsync first.");
        var pending = board.Enqueue(eventBody, timeout);
        if (_exitCode is { } exitCode && !pending.Result.Task.IsCompleted)
        {
            board.FailOpen(Exited(exitCode));
        }
        try
        {
            await Task.WhenAny(pending.Served.Task, pending.Result.Task).WaitAsync(_options.InitTimeout, _options.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            board.Abandon(pending);
            throw new TimeoutException($"The function did not ask for invocation {pending.RequestId} within {_options.InitTimeout} (still initializing, or not calling next?).{Tail()}");
        }
        try
        {
            return await pending.Result.Task.WaitAsync(timeout + _options.ResultGrace, _options.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The function took invocation {pending.RequestId} but posted no response or error within its timeout {timeout} (+{_options.ResultGrace}).{Tail()}");
        }
    }

    /// <summary>Waits for the function to post an init error (a bundle started with a broken configuration, say).</summary>
    public async Task<HarnessResult> WaitForInitErrorAsync(TimeSpan timeout)
    {
        var board = _board ?? throw new InvalidOperationException("The harness is not started: call StartAsync or StartServerAsync first.");
        try
        {
            return await board.InitError.WaitAsync(timeout, _options.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The function posted no init error within {timeout}.{Tail()}");
        }
    }

    /// <summary>Kills the process (and its children) and stops the Runtime API; open waits fail.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            // The Exited handler still reads the process: dispose it only after that handler is done.
            await _exitHandled.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            process.Dispose();
        }
        _board?.FailOpen(new ObjectDisposedException(nameof(RuntimeApiHarness), "The harness was disposed before the function answered."));
        if (_server is not null)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _server.StopAsync(stop.Token).ConfigureAwait(false);
            await _server.DisposeAsync().ConfigureAwait(false);
        }
        _stopping.Dispose();
    }

    /// <summary>What Lambda sets for a custom runtime (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).</summary>
    private Dictionary<string, string> LambdaEnvironment(string taskRoot)
    {
        var arn = _options.FunctionArn.Split(':');
        var region = arn.Length > 3 ? arn[3] : "eu-west-1";
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/local/bin:/usr/bin/:/bin:/opt/bin",
            ["LANG"] = "en_US.UTF-8",
            ["TZ"] = ":UTC",
            ["LAMBDA_TASK_ROOT"] = taskRoot,
            ["LAMBDA_RUNTIME_DIR"] = taskRoot,
            ["AWS_REGION"] = region,
            ["AWS_DEFAULT_REGION"] = region,
            ["AWS_LAMBDA_FUNCTION_NAME"] = arn.Length > 6 ? arn[6] : "mailflow-test",
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = _options.MemorySizeMb.ToString(CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand",
        };
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private void OnExited(Process process)
    {
        try
        {
            // WaitForExit() returns once the redirected output has been read to its end, so the message has all of it.
            process.WaitForExit();
            _exitCode = process.ExitCode;
            _board?.FailOpen(Exited(process.ExitCode));
        }
        finally
        {
            _exitHandled.TrySetResult();
        }
    }

    private InvalidOperationException Exited(int exitCode) =>
        new($"The function process exited with code {exitCode} before answering.{Tail()}");

    private string Tail()
    {
        var output = Output;
        return output.Length == 0 ? " The process wrote nothing." : $" Its output (last 4000 characters):{Environment.NewLine}{output[Math.Max(0, output.Length - 4000)..]}";
    }
}
