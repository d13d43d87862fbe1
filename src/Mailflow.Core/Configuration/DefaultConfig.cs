namespace Mailflow.Core.Configuration;

/// <summary>
/// The built-in configuration used when none is given (by <c>mailflow run</c>, <c>mailflow parse</c> and the
/// functions): environment <c>local</c>, domain <c>example.com</c>, apps <c>app1</c> and <c>app2</c>,
/// unroutable mail quarantined. The repository's mailflow.json is the same, written out.
/// </summary>
public static class DefaultConfig
{
    public static MailflowConfig Instance { get; } = new()
    {
        Environment = "local",
        Domains = ["example.com"],
        Apps = [new AppConfig { Name = "app1" }, new AppConfig { Name = "app2" }],
        Unroutable = new UnroutableConfig { Action = UnroutableConfig.Quarantine },
    };
}
