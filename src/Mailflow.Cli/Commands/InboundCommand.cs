using System.CommandLine;
using Mailflow.Core.Operations;
using Mailflow.Local.Inbound;
using Mailflow.Local.Operations;
using Mailflow.Local.Storage;

namespace Mailflow.Cli.Commands;

/// <summary>
/// <c>mailflow inbound pause|resume|disable|enable|status [--data-dir DIR]</c>: the local twin of the operator's
/// switches, with the rules the API's inbound endpoints follow (<see cref="InboundSwitches"/>: resume does not reopen a
/// disabled inbound). A running <c>mailflow run</c> on the same data directory answers the next SMTP session accordingly.
/// </summary>
public static class InboundCommand
{
    private static readonly (string Name, InboundSwitch Switch, string Description)[] s_switches =
    [
        ("pause", InboundSwitch.Pause, "Defer new mail with 451 4.3.2 (senders retry later; nothing is lost). Only an enabled inbound pauses."),
        ("resume", InboundSwitch.Resume, "Accept mail again after pause. A disabled inbound stays disabled: use enable."),
        ("disable", InboundSwitch.Disable, "Refuse new mail with 550 5.7.1 (senders do not retry). Use pause to hold mail instead."),
        ("enable", InboundSwitch.Enable, "Accept mail again, from paused or disabled."),
    ];

    public static Command Create()
    {
        var command = new Command("inbound", "Pause, resume, disable or enable inbound mail, or show its state.");
        foreach (var (name, sw, description) in s_switches)
        {
            var dataDir = DataDirOption.Create();
            var change = new Command(name, description) { dataDir };
            change.SetAction(async (parseResult, cancellationToken) =>
            {
                var file = new InboundStateFile(new DataDirectory(parseResult.GetValue(dataDir)!), TimeProvider.System);
                // The API's switches on the same file: one set of rules and one wording for both.
                var after = await new LocalInboundControl(file).ApplyAsync(sw, cancellationToken);
                parseResult.InvocationConfiguration.Output.WriteLine($"inbound: {Describe(after.State, after.ChangedAt)}. {after.Consequence}");
                return ExitCodes.Ok;
            });
            command.Add(change);
        }
        var statusDir = DataDirOption.Create();
        var status = new Command("status", "Print the inbound state.") { statusDir };
        status.SetAction(parseResult =>
        {
            var file = new InboundStateFile(new DataDirectory(parseResult.GetValue(statusDir)!), TimeProvider.System);
            var record = file.Read();
            parseResult.InvocationConfiguration.Output.WriteLine($"inbound: {Describe(InboundSwitches.Name(record.State), record.ChangedAt)}");
            return ExitCodes.Ok;
        });
        command.Add(status);
        return command;
    }

    private static string Describe(string state, DateTimeOffset? changedAt) =>
        changedAt is { } changed ? $"{state} (since {changed:yyyy-MM-dd HH:mm:ss}Z)" : state;
}
