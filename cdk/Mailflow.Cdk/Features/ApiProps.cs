using Mailflow.Cdk.Configuration;
using Mailflow.Cdk.Settings;

namespace Mailflow.Cdk.Features;

/// <param name="BundlePath">assets/api-arm64.zip.</param>
public sealed record ApiProps(
    MailflowEnvironment Environment,
    MailflowConfigFile Config,
    string BundlePath,
    State State,
    Observability Observability);
