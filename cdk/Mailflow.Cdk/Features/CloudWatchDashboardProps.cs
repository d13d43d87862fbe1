using Mailflow.Cdk.Settings;

namespace Mailflow.Cdk.Features;

public sealed record CloudWatchDashboardProps(MailflowEnvironment Environment, AppQueues Queues, Worker Worker, Api Api);
