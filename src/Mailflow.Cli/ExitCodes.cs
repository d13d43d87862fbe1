namespace Mailflow.Cli;

/// <summary>Process exit codes, the same for every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran but some input could not be handled (a missing file, say).</summary>
    public const int Failed = 1;

    /// <summary>The configuration is invalid; one line per problem was printed to stderr.</summary>
    public const int BadConfig = 2;

    /// <summary>An option's value is not one the command accepts; one line on stderr says which are.</summary>
    public const int BadUsage = 2;
}
