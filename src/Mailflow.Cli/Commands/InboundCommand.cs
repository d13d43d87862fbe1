using System.CommandLine;
using Mailflow.Local.Inbound;
using Mailflow.Local.Storage;

namespace Mailflow.Cli.Commands;

/// <summary>
/// <c>mailflow inbound pause|resume|disable|enable|status [--data-dir DIR]</c>: the local twin of the operator's
/// switches. A running <c>mailflow run</c> on the same data directory answers the next SMTP session accordingly.
/// </summary>
public static class InboundCommand
{
    private static readonly (string Name, InboundState State, string Consequence)[] s_switches =
    [
        ("pause", InboundState.Paused, "New mail gets 451 4.3.2: senders keep it and retry later; nothing is lost. Queued mail is still processed."),
        ("resume", InboundState.Enabled, "Mail is accepted again."),
        ("disable", InboundState.Disabled, "New mail gets 550 5.7.1: senders get a rejection and do not retry. Use pause to hold mail instead."),
        ("enable", InboundState.Enabled, "Mail is accepted again."),
    ];

    public static Command Create()
    {
        var command = new Command("inbound", "Pause, resume, disable or enable inbound mail, or show its state.");
        foreach (var (name, state, consequence) in s_switches)
        {
            var dataDir = DataDirOption.Create();
            var change = new Command(name, consequence) { dataDir };
            change.SetAction(async (parseResult, cancellationToken) =>
            {
                var file = new InboundStateFile(new DataDirectory(parseResult.GetValue(dataDir)!), TimeProvider.System);
                var record = await file.WriteAsync(state, cancellationToken);
                parseResult.InvocationConfiguration.Output.WriteLine($"inbound: {Describe(record)}. {consequence}");
                return ExitCodes.Ok;
            });
            command.Add(change);
        }
        var statusDir = DataDirOption.Create();
        var status = new Command("status", "Print the inbound state.") { statusDir };
        status.SetAction(parseResult =>
        {
            var file = new InboundStateFile(new DataDirectory(parseResult.GetValue(statusDir)!), TimeProvider.System);
            parseResult.InvocationConfiguration.Output.WriteLine($"inbound: {Describe(file.Read())}");
            return ExitCodes.Ok;
        });
        command.Add(status);
        return command;
    }

    private static string Describe(InboundStateRecord record) =>
        record.ChangedAt is { } changed
            ? $"{record.State.ToString().ToLowerInvariant()} (since {changed:yyyy-MM-dd HH:mm:ss}Z)"
            : record.State.ToString().ToLowerInvariant();
}
