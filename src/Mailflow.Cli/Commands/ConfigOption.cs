using System.CommandLine;
using Mailflow.Core.Configuration;

namespace Mailflow.Cli.Commands;

/// <summary>
/// <c>--config FILE</c>, shared by every command that loads configuration, so that they all fail the
/// same way: one line per problem on stderr (<c>FILE: $.path: what to do</c>) and exit code 2.
/// </summary>
public static class ConfigOption
{
    public static Option<string?> Create() => new("--config", "-c")
    {
        Description = "Path of mailflow.json; without it the built-in default is used (domain example.com, apps app1 and app2).",
        HelpName = "FILE",
    };

    /// <summary>Loads the configuration or reports its problems and returns null.</summary>
    public static MailflowConfig? Load(string? path, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var result = ConfigLoader.Load(path);
        if (result.IsValid)
        {
            return result.Config;
        }
        ReportProblems(path ?? "(built-in default)", result.Problems, error);
        return null;
    }

    public static void ReportProblems(string source, IEnumerable<ConfigProblem> problems, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var problem in problems)
        {
            error.WriteLine($"{source}: {problem}");
        }
    }
}
