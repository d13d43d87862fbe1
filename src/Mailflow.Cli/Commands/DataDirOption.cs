using System.CommandLine;

namespace Mailflow.Cli.Commands;

/// <summary><c>--data-dir DIR</c>: where local mode keeps its queues, mail and state; shared by <c>run</c> and the commands that change it.</summary>
public static class DataDirOption
{
    public const string Default = ".mailflow";

    public static Option<string> Create() => new("--data-dir")
    {
        Description = "The local data directory (queues, received mail, attachments, inbound state).",
        HelpName = "DIR",
        DefaultValueFactory = _ => Default,
    };
}
