using Amazon.CDK;
using Constructs;
using Mailflow.Cdk.Features;

namespace Mailflow.Cdk;

/// <summary>
/// One environment of Mailflow (<c>Mailflow-{env}</c>): the feature constructs, in the order their dependencies need.
/// The default synthesizer needs no AWS lookups, so synth runs offline; deploying needs the account bootstrapped.
/// </summary>
public sealed class MailflowStack : Stack
{
    public Observability Observability { get; }
    public State State { get; }
    public AppQueues Queues { get; }
    public Api Api { get; }
    public Worker Worker { get; }
    public Operations Operations { get; }
    public Inbound Inbound { get; }
    public Dashboard Dashboard { get; }
    public CloudWatchDashboard CloudWatchDashboard { get; }

    public MailflowStack(Construct scope, MailflowDeployment deployment)
        : base(scope, deployment.Environment.StackName, new StackProps
        {
            Env = new Amazon.CDK.Environment { Account = deployment.Environment.Account, Region = deployment.Environment.Region },
            Description = $"Mailflow email gateway, {deployment.Environment.Name} environment",
        })
    {
        var (environment, config, bundles) = deployment;
        Observability = new Observability(this, "Observability", new ObservabilityProps(environment));
        State = new State(this, "State", new StateProps(environment, config, Observability.AccessLogsBucket));
        Queues = new AppQueues(this, "AppQueues", new AppQueuesProps(environment, config, Observability.AlarmTopic));
        Api = new Api(this, "Api", new ApiProps(environment, config, bundles.Api, State, Observability));
        // Attachment links point at the API's endpoint (a token of the HTTP API resource: no cycle).
        Worker = new Worker(this, "Worker", new WorkerProps(environment, config, bundles.Worker, Queues, State, Observability, Api.Url));
        Operations = new Operations(this, "Operations", new OperationsProps(environment, Worker, Api));
        Inbound = new Inbound(this, "Inbound", new InboundProps(environment, config, Queues.Inbound, Observability.AccessLogsBucket, Worker.Function.Role));
        // The API's operator endpoints act on the worker's inbound mapping, the receipt rule and the raw mail.
        Api.ConnectOperations(new ApiOperationsProps(environment, Queues, Worker, Inbound, State));
        Dashboard = new Dashboard(this, "Dashboard", new DashboardProps(environment, Observability.AccessLogsBucket, Api.Url, deployment.DashboardDist, config.Dashboard?.Oidc,
            environment.JwtRolesClaim ?? config.Api.RolesClaim));
        CloudWatchDashboard = new CloudWatchDashboard(this, "CloudWatchDashboard", new CloudWatchDashboardProps(environment, Queues, Worker, Api));
        Amazon.CDK.Tags.Of(this).Add("mailflow:environment", environment.Name);
    }
}
