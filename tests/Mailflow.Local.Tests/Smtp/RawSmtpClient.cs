using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mailflow.Local.Tests.Smtp;

/// <summary>A bare TCP SMTP client: exact bytes out, exact replies in, for reply codes and pipelining.</summary>
public sealed class RawSmtpClient : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private RawSmtpClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public string Greeting { get; private set; } = "";

    public static async Task<RawSmtpClient> ConnectAsync(IPEndPoint endPoint)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(endPoint).WaitAsync(s_timeout);
        var client = new RawSmtpClient(tcp);
        client.Greeting = await client.ReadReplyAsync();
        return client;
    }

    /// <summary>One reply, all its lines joined by '\n'. Fails when the server closes first.</summary>
    public async Task<string> ReadReplyAsync()
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync() ?? throw new InvalidOperationException($"The server closed the connection; reply so far: {string.Join("\n", lines)}");
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return string.Join("\n", lines);
            }
        }
    }

    public async Task<IReadOnlyList<string>> ReadRepliesAsync(int count)
    {
        var replies = new List<string>();
        for (var i = 0; i < count; i++)
        {
            replies.Add(await ReadReplyAsync());
        }
        return replies;
    }

    /// <summary>True when the server closed the connection (end of stream or reset) before sending anything more.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        try
        {
            return await ReadLineAsync() is null;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        await _stream.WriteAsync(bytes, timeout.Token);
    }

    public async Task<string> CommandAsync(string line)
    {
        await SendAsync(line + "\r\n");
        return await ReadReplyAsync();
    }

    /// <summary>EHLO, MAIL FROM, one RCPT TO per recipient and DATA, each expected to succeed; ready for the body.</summary>
    public async Task BeginMailAsync(string from, params string[] recipients)
    {
        Expect("250", await CommandAsync("EHLO client.example"));
        Expect("250", await CommandAsync($"MAIL FROM:<{from}>"));
        foreach (var recipient in recipients)
        {
            Expect("250", await CommandAsync($"RCPT TO:<{recipient}>"));
        }
        Expect("354", await CommandAsync("DATA"));
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private static void Expect(string code, string reply) => Assert.True(reply.StartsWith(code, StringComparison.Ordinal), $"expected {code}, got: {reply}");

    private async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        return await _reader.ReadLineAsync(timeout.Token);
    }
}
