namespace Mailflow.Local.Smtp;

/// <summary>A command line split into its verb (upper case) and the rest (RFC 5321 §4.1.1: verbs are case-insensitive).</summary>
internal readonly record struct SmtpCommand(string Verb, string Argument)
{
    public static SmtpCommand Parse(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var verb = space < 0 ? line : line[..space];
        var argument = space < 0 ? "" : line[(space + 1)..].Trim(' ');
        return new SmtpCommand(verb.ToUpperInvariant(), argument);
    }
}
