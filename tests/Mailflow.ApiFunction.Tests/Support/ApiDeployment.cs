using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Mailflow.Testing.Emulators;
using Mailflow.Testing.Lambda;

namespace Mailflow.ApiFunction.Tests.Support;

/// <summary>
/// One deployment of the API for a test class: fauxqs as S3 on 127.0.0.1 with the attachments bucket, and the built API
/// bundle under the Runtime API harness with <c>AWS_ENDPOINT_URL_S3</c> aimed at it.
/// </summary>
public sealed class ApiDeployment : IAsyncLifetime
{
    public static readonly TimeSpan FunctionTimeout = TimeSpan.FromSeconds(30);

    private AmazonS3Client? _s3;

    public FauxqsServer Fauxqs { get; } = new();

    public RuntimeApiHarness Api { get; } = new();

    public AmazonS3Client S3 => _s3 ?? throw new InvalidOperationException("The deployment is not initialized.");

    public async Task InitializeAsync()
    {
        await Fauxqs.InitializeAsync();
        _s3 = Fauxqs.Environment.CreateS3();
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = ApiVariables.AttachmentBucket });
        var variables = ApiVariables.Create();
        variables["AWS_ENDPOINT_URL_S3"] = Fauxqs.Endpoint.ToString();
        await Api.StartAsync(ApiBundle.Bootstrap, variables);
    }

    /// <summary>Hands the request to the API and reads its response; an invocation or init error fails the test, with the function's output.</summary>
    public async Task<ApiResponse> InvokeAsync(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await Api.InvokeAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), FunctionTimeout);
        Assert.True(result.Kind == HarnessResultKind.Response,
            $"The API answered with {result.Kind} {result.ErrorType}: {result.BodyText}{Environment.NewLine}{Api.Output}");
        return ApiResponse.Parse(result.Body);
    }

    public async Task PutAttachmentAsync(string key, byte[] content)
    {
        using var body = new MemoryStream(content);
        await S3.PutObjectAsync(new PutObjectRequest { BucketName = ApiVariables.AttachmentBucket, Key = key, InputStream = body });
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        _s3?.Dispose();
        await Fauxqs.DisposeAsync();
    }
}
