using System.CommandLine;
using Mailflow.Cli.Parsing;

namespace Mailflow.Cli.Commands;

/// <summary><c>mailflow parse [--config FILE] [--to ADDRESS]... [--verdict NAME=STATUS]... FILE...</c></summary>
public static class ParseCommand
{
    public static Command Create()
    {
        var config = ConfigOption.Create();
        var to = new Option<string[]>("--to")
        {
            Description = "An envelope recipient (repeatable). Without it, the mail's To and Cc addresses.",
            HelpName = "ADDRESS",
        };
        var verdict = new Option<string[]>("--verdict")
        {
            Description = "Simulate an SES verdict, e.g. spam=FAIL or virus=GRAY (repeatable). Unset verdicts are PASS.",
            HelpName = "NAME=STATUS",
        };
        var files = new Argument<string[]>("FILE") { Description = "The .eml files to run through the inbound pipeline.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("parse", "Run .eml files through the inbound pipeline in memory and print, per destination, the envelope (one JSON line) or the outcome and its reason.")
        {
            config, to, verdict, files,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var loaded = ConfigOption.Load(parseResult.GetValue(config), error);
            if (loaded is null)
            {
                return ExitCodes.BadConfig;
            }
            if (!VerdictArguments.TryParse(parseResult.GetValue(verdict) ?? [], out var verdicts, out var problem))
            {
                error.WriteLine(problem);
                return ExitCodes.Failed;
            }
            var runner = new ParseRunner(loaded, verdicts, TimeProvider.System);
            return await runner.RunAsync(parseResult.GetValue(files) ?? [], parseResult.GetValue(to) ?? [],
                parseResult.InvocationConfiguration.Output, cancellationToken);
        });
        return command;
    }
}
