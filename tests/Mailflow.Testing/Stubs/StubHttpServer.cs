using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Mailflow.Testing.Emulators;

namespace Mailflow.Testing.Stubs;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 standing in for an API no emulator serves (SES failures, the Lambda and SES control
/// planes, a token issuer's JWKS): it answers what the test scripts (429, 5xx, MessageRejected…) and captures each
/// request exactly as it arrived, headers and body.
/// </summary>
public sealed class StubHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<CapturedRequest, StubResponse> _respond;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    private StubHttpServer(int port, Func<CapturedRequest, StubResponse> respond)
    {
        _respond = respond;
        Endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        _listener.Prefixes.Add(Endpoint.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    /// <summary>Answers every request with <paramref name="respond"/>'s response.</summary>
    public static StubHttpServer Start(Func<CapturedRequest, StubResponse> respond) => new(FreePort.Next(), respond);

    /// <summary>Answers every request with <paramref name="response"/>.</summary>
    public static StubHttpServer Start(StubResponse response) => Start(_ => response);

    public CapturedRequest OnlyRequest() => Assert.Single(Requests);

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var headers = context.Request.Headers.AllKeys
            .Where(k => k is not null)
            .ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
        var captured = new CapturedRequest(context.Request.HttpMethod, context.Request.Url!, context.Request.RawUrl ?? "/", headers, body.ToArray());
        Requests.Enqueue(captured);
        var response = _respond(captured);
        try
        {
            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, _stop.Token);
            }
            context.Response.StatusCode = response.Status;
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }
            var bytes = System.Text.Encoding.UTF8.GetBytes(response.Body ?? "");
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            context.Response.Abort();
        }
        catch (HttpListenerException)
        {
            // The client gave up (a timeout test): nothing to answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        // Close alone: after Stop, the managed HttpListener's Close looks its prefixes up again and re-binds the port to
        // remove them, which fails with "Address already in use" when a parallel test has taken the port meanwhile.
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
