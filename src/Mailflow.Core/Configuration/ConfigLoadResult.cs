namespace Mailflow.Core.Configuration;

/// <summary>A loaded configuration, or the problems that stop it from loading.</summary>
public sealed record ConfigLoadResult(MailflowConfig? Config, IReadOnlyList<ConfigProblem> Problems)
{
    public bool IsValid => Config is not null && Problems.Count == 0;
}
