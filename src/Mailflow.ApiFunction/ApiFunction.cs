using Mailflow.Aws;
using Mailflow.Aws.Storage;
using Mailflow.Lambda.AspNetCore;
using Mailflow.Lambda.Runtime;
using Microsoft.AspNetCore.Builder;

namespace Mailflow.ApiFunction;

/// <summary>
/// The API function's composition root: settings from the environment (the same contract as the worker's), the S3
/// attachment store for redirects, and the ASP.NET Core app behind the API Gateway v2 bridge.
/// </summary>
public static class ApiFunction
{
    public static async Task<ILambdaHandler> InitAsync(CancellationToken cancellationToken)
    {
        var settings = DeploymentSettings.FromEnvironment(Environment.GetEnvironmentVariable);
        var aws = AwsEnvironment.FromEnvironment(Environment.GetEnvironmentVariable);
        var time = TimeProvider.System;
        var config = settings.Config;
        var links = settings.CreateLinkSigner(time);
        var attachments = new S3AttachmentStore(aws.CreateS3(), settings.AttachmentBucket);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseApiGatewayServer();
        var app = builder.Build();
        app.MapMailflowApi(config, links, attachments);
        return await app.StartApiGatewayHandlerAsync(cancellationToken).ConfigureAwait(false);
    }
}
