namespace Mailflow.Core.Operations;

/// <summary>One store or queue the deep health check touches; <see cref="CheckAsync"/> throws when it is unusable.</summary>
public interface IDependencyCheck
{
    /// <summary>What is checked, e.g. <c>queue:mailflow-local-inbound</c>, <c>ledger</c>, <c>raw-mail</c>.</summary>
    string Name { get; }

    Task CheckAsync(CancellationToken cancellationToken);
}
