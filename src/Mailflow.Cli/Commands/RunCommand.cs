using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using Mailflow.Api.Auth;
using Mailflow.Cli.Hosting;
using Mailflow.Core.Configuration;
using Mailflow.Local.Auth;
using Mailflow.Local.Hosting;
using Mailflow.Local.Storage;
using Microsoft.Extensions.Logging;

namespace Mailflow.Cli.Commands;

/// <summary>
/// <c>mailflow run [--config FILE] [--data-dir DIR] [--smtp HOST:PORT] [--http HOST:PORT] [--sqs HOST:PORT] [--relay HOST:PORT]</c>:
/// local mode in one process. Prints one line per listener and <c>mailflow ready</c>; Ctrl-C or SIGTERM stops it
/// cleanly (mail being received finishes or gets 421; nothing accepted is lost).
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var config = ConfigOption.Create();
        var dataDir = DataDirOption.Create();
        var smtp = Listener("--smtp", "127.0.0.1:2525", "SMTP listener (plays SES receiving).");
        var http = Listener("--http", "127.0.0.1:8025", "HTTP listener (health, attachment links, queue browsing).");
        var sqs = Listener("--sqs", "127.0.0.1:9324", "SQS-compatible endpoint for apps' AWS SDKs.");
        var relay = new Option<string?>("--relay")
        {
            Description = "SMTP relay for outbound mail (plain SMTP; TLS and credentials go in outbound.relay of mailflow.json). Without one, outbound mail is written to the data directory's outbox/.",
            HelpName = "HOST:PORT",
        };
        var command = new Command("run", "Run Mailflow locally: SMTP in, durable queues, the inbound and outbound workers, an SQS-compatible endpoint and the HTTP listener.")
        {
            config, dataDir, smtp, http, sqs, relay,
        };
        command.SetAction(async (parseResult, _) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var loaded = ConfigOption.Load(parseResult.GetValue(config), error);
            if (loaded is null)
            {
                return ExitCodes.BadConfig;
            }
            if (loaded.Api.LocalKeyProblem() is { } keyProblem)
            {
                error.WriteLine($"{parseResult.GetValue(config) ?? "the built-in configuration"}: {keyProblem}");
                return ExitCodes.BadConfig;
            }
            var endpoints = new Dictionary<string, IPEndPoint>();
            foreach (var option in new[] { smtp, http, sqs })
            {
                if (!EndpointArgument.TryParse(parseResult.GetValue(option)!, out var endpoint))
                {
                    error.WriteLine($"{option.Name} {parseResult.GetValue(option)}: write HOST:PORT, e.g. 127.0.0.1:2525.");
                    return ExitCodes.Failed;
                }
                endpoints[option.Name] = endpoint;
            }
            RelayConfig? relayConfig = null;
            if (parseResult.GetValue(relay) is { } relayValue)
            {
                if (!EndpointArgument.TryParseHostPort(relayValue, out var host, out var port) || port == 0)
                {
                    error.WriteLine($"--relay {relayValue}: write HOST:PORT, e.g. 127.0.0.1:2526 or smtp.example.com:587.");
                    return ExitCodes.Failed;
                }
                relayConfig = new RelayConfig { Host = host, Port = port };
            }
            var dataDirectory = parseResult.GetValue(dataDir)!;
            using var signingKey = LocalSigningKey.LoadOrCreate(new DataDirectory(dataDirectory));
            var options = new LocalGatewayOptions(loaded, dataDirectory, endpoints["--smtp"], endpoints["--http"], endpoints["--sqs"])
            {
                Relay = relayConfig,
                HttpApplication = new LocalApiApplication(signingKey, loaded),
            };
            return await RunAsync(options, SignInLink(loaded, signingKey), output, error);
        });
        return command;
    }

    private static async Task<int> RunAsync(LocalGatewayOptions options, Func<Uri, string> dashboard, TextWriter output, TextWriter error)
    {
        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var loggers = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(console => console.SingleLine = true));
        LocalGateway gateway;
        try
        {
            gateway = await LocalGateway.StartAsync(options, loggers, TimeProvider.System, stop.Token);
        }
        catch (IOException ex)
        {
            error.WriteLine($"mailflow run could not start: {ex.Message} (is another mailflow run using these ports or this data directory?)");
            return ExitCodes.Failed;
        }
        await using (gateway)
        {
            output.WriteLine($"smtp  listening on {gateway.Smtp.LocalEndPoint}");
            output.WriteLine($"http  listening on {gateway.Http.Url}  (API under /api; a token: mailflow token --role operator)");
            output.WriteLine(dashboard(gateway.Http.Url));
            output.WriteLine($"sqs   listening on {gateway.Sqs.Url}  (queue URLs: {gateway.Sqs.Url}000000000000/<queue>)");
            output.WriteLine(options.EffectiveRelay is { } via
                ? $"mail  out through the relay {via.Host}:{via.Port}"
                : $"mail  out captured to {Path.Combine(Path.GetFullPath(options.DataDirectory), "outbox")} (no relay: see --relay)");
            output.WriteLine($"data  in {Path.GetFullPath(options.DataDirectory)}{(gateway.RecoveredMails > 0 ? $" ({gateway.RecoveredMails} stored mail(s) recovered into the inbound queue)" : "")}");
            output.WriteLine("mailflow ready");
            await output.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine("mailflow stopping: finishing mail in progress");
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await gateway.StopAsync(grace.Token);
            output.WriteLine("mailflow stopped");
        }
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The dashboard line: with the data directory's own key, a link carrying a fresh operator token in its fragment
    /// (a browser never sends the fragment to a server, so it stays out of every log), so a newcomer is one click from
    /// the overview. With an identity provider's keys in mailflow.json, Mailflow cannot mint tokens: the plain address.
    /// </summary>
    private static Func<Uri, string> SignInLink(MailflowConfig config, LocalSigningKey key) => url =>
    {
        if (!DashboardSite.Embedded.IsBuilt)
        {
            return $"dashboard not built into this executable: run make build (the API is under {url}api)";
        }
        if (config.Api.NamesIssuerKeys)
        {
            return $"dashboard {url}  (sign in with a token from {config.Api.Issuer})";
        }
        var token = key.Mint(TokenCommand.DefaultSubject(), Roles.Operator, SignInLinkLifetime, TimeProvider.System, ApiConfig.LocalIssuer, config.Api.Audience);
        return $"dashboard {url}#token={token}  (signs you in as operator for {SignInLinkLifetime.TotalHours:0} h)";
    };

    private static readonly TimeSpan SignInLinkLifetime = TimeSpan.FromHours(12);

    private static Option<string> Listener(string name, string fallback, string description) => new(name)
    {
        Description = description,
        HelpName = "HOST:PORT",
        DefaultValueFactory = _ => fallback,
    };
}
