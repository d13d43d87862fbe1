using System.CommandLine;
using Mailflow.Core.Configuration;

namespace Mailflow.Cli.Commands;

/// <summary><c>mailflow config check [FILE]</c>: validates a configuration file.</summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "The mailflow.json to check; without it, ./mailflow.json, or the built-in default when there is none.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var check = new Command("check", "Validate a mailflow.json: prints one line per problem (JSON path and what to do) and exits 2, or prints a summary and exits 0.")
        {
            file,
        };
        check.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetValue(file) ?? (File.Exists("mailflow.json") ? "mailflow.json" : null);
            var config = ConfigOption.Load(path, error);
            if (config is null)
            {
                return ExitCodes.BadConfig;
            }
            output.WriteLine($"{path ?? "(built-in default)"}: valid: environment {config.Environment}, " +
                $"{config.Domains.Count} domain(s), {config.Apps.Count} app(s), {QueueNames.All(config).Count} queues.");
            return ExitCodes.Ok;
        });
        return new Command("config", "Work with mailflow.json.") { check };
    }
}
