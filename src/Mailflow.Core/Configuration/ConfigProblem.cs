namespace Mailflow.Core.Configuration;

/// <summary>One thing wrong with a configuration: where (a JSON path) and what to do about it.</summary>
public sealed record ConfigProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
