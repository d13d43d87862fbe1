using Mailflow.Cdk.Settings;

namespace Mailflow.Cdk.Features;

public sealed record ObservabilityProps(MailflowEnvironment Environment);
