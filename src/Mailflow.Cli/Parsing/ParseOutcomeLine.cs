namespace Mailflow.Cli.Parsing;

/// <summary>The line <c>mailflow parse</c> prints for a destination that gets no envelope on an app queue, or for a file it could not read.</summary>
public sealed record ParseOutcomeLine(
    string File,
    string Outcome,
    string? App,
    string? Queue,
    string? ReasonCode,
    string? Reason,
    string? EnvelopeId);
