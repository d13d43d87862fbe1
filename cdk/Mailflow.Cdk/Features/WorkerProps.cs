using Mailflow.Cdk.Configuration;
using Mailflow.Cdk.Settings;

namespace Mailflow.Cdk.Features;

/// <param name="BundlePath">assets/worker-arm64.zip.</param>
/// <param name="ApiUrl">The base URL attachment links point at (MAILFLOW_API_URL).</param>
public sealed record WorkerProps(
    MailflowEnvironment Environment,
    MailflowConfigFile Config,
    string BundlePath,
    AppQueues Queues,
    State State,
    Observability Observability,
    string ApiUrl);
