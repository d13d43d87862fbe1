using Mailflow.Cdk.Settings;

namespace Mailflow.Cdk.Features;

public sealed record OperationsProps(MailflowEnvironment Environment, Worker Worker, Api Api);
