using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CodeDeploy;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Constructs;

namespace Mailflow.Cdk.Features;

/// <summary>
/// Rollback path (a) (DESIGN.md §3): each function's <c>live</c> alias is shifted by CodeDeploy, 10 % of the traffic
/// for 5 minutes and then all of it, and moved back automatically when one of that function's alarms fires (worker
/// errors or throttles; API 5xx), when the deployment fails, or when it is stopped.
/// </summary>
public sealed class Operations : Construct
{
    public static readonly ILambdaDeploymentConfig DeploymentConfig = LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES;

    public LambdaApplication Application { get; }
    public LambdaDeploymentGroup WorkerDeployment { get; }
    public LambdaDeploymentGroup ApiDeployment { get; }

    public Operations(Construct scope, string id, OperationsProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        Application = new LambdaApplication(this, "Application", new LambdaApplicationProps { ApplicationName = $"mailflow-{props.Environment.Name}" });
        WorkerDeployment = Group("Worker", props.Worker.Function.Function, props.Worker.Alias, props.Worker.Alarms);
        ApiDeployment = Group("Api", props.Api.Function.Function, props.Api.Alias, props.Api.Alarms);

        _ = new CfnOutput(this, "CodeDeployApplication", new CfnOutputProps { Value = Application.ApplicationName, Description = "CodeDeploy application of both functions." });
        _ = new CfnOutput(this, "WorkerDeploymentGroup", new CfnOutputProps { Value = WorkerDeployment.DeploymentGroupName, Description = "Canary deployment group of the worker's live alias." });
        _ = new CfnOutput(this, "ApiDeploymentGroup", new CfnOutputProps { Value = ApiDeployment.DeploymentGroupName, Description = "Canary deployment group of the API's live alias." });
    }

    private LambdaDeploymentGroup Group(string id, Function function, Alias alias, IReadOnlyList<Alarm> alarms)
    {
        var group = new LambdaDeploymentGroup(this, id, new LambdaDeploymentGroupProps
        {
            Application = Application,
            Alias = alias,
            DeploymentConfig = DeploymentConfig,
            Alarms = alarms.Cast<IAlarm>().ToArray(),
            AutoRollback = new AutoRollbackConfig { FailedDeployment = true, StoppedDeployment = true, DeploymentInAlarm = true },
        });
        // CDK gives the CodeDeploy role the AWS managed AWSCodeDeployRoleForLambdaLimited, whose statements allow every
        // alarm and alias of the account (Resource "*"). Mailflow's roles carry no AWS managed policy (IamTests): this
        // role gets the same actions on this function's alias and alarms only.
        var role = (Role)group.Role;
        ((CfnRole)role.Node.DefaultChild!).AddPropertyDeletionOverride("ManagedPolicyArns");
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["lambda:GetAlias", "lambda:UpdateAlias", "lambda:GetProvisionedConcurrencyConfig"],
            Resources = [function.FunctionArn, alias.FunctionArn],
        }));
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["cloudwatch:DescribeAlarms"],
            Resources = alarms.Select(a => a.AlarmArn).ToArray(),
        }));
        return group;
    }
}
