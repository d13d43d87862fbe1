using System.CommandLine;
using Mailflow.Cli.Commands;

namespace Mailflow.Cli;

/// <summary>The <c>mailflow</c> command and its subcommands.</summary>
public static class MailflowCommand
{
    public static RootCommand Create() => new("Mailflow: mail to _app@your-domain arrives as JSON on the app's queue.")
    {
        RunCommand.Create(),
        ParseCommand.Create(),
        ConfigCommand.Create(),
        InboundCommand.Create(),
        SendCommand.Create(),
        QueuesCommand.Create(),
        TokenCommand.Create(),
    };
}
