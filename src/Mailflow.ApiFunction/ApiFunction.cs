using Mailflow.Api;
using Mailflow.Aws;
using Mailflow.Aws.DynamoDb;
using Mailflow.Aws.Operations;
using Mailflow.Lambda.AspNetCore;
using Mailflow.Lambda.Runtime;
using Microsoft.AspNetCore.Builder;

namespace Mailflow.ApiFunction;

/// <summary>
/// The API function's composition root: settings from the environment (the worker's contract plus the raw bucket, the
/// rollback switches' targets and the token issuer), the AWS operations backends, and the same API app
/// <c>mailflow run</c> serves, behind the API Gateway v2 bridge.
/// </summary>
public static class ApiFunction
{
    public static async Task<ILambdaHandler> InitAsync(CancellationToken cancellationToken)
    {
        Func<string, string?> variables = Environment.GetEnvironmentVariable;
        var settings = DeploymentSettings.FromEnvironment(variables, requireRawBucket: true);
        var aws = AwsEnvironment.FromEnvironment(variables);
        var (config, auth) = ApiAuthVariables.Apply(settings.Config, variables);
        settings = settings with { Config = config };
        var time = TimeProvider.System;

        var ledgerReader = new DynamoDbMessageLedgerReader(aws.CreateDynamoDb(), new DynamoDbTable(settings.Table, time),
            TimeSpan.FromDays(config.Retention.LedgerDays));
        var inbound = new AwsInboundControl(new HttpClient(), AwsInboundControlOptions.For(settings, aws), time);
        var backends = AwsOperations.Create(settings, aws, time, ledgerReader, inbound);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseApiGatewayServer();
        builder.Services.AddMailflowApi(backends, auth);
        var app = builder.Build();
        app.UseMailflowApi();
        return await app.StartApiGatewayHandlerAsync(cancellationToken).ConfigureAwait(false);
    }
}
