using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;

namespace Mailflow.Aws;

/// <summary>
/// The region, endpoints and credentials the AWS clients use, read from the variables every AWS SDK reads:
/// <c>AWS_REGION</c> (then <c>AWS_DEFAULT_REGION</c>, then us-east-1), the global <c>AWS_ENDPOINT_URL</c> and the
/// service-specific <c>AWS_ENDPOINT_URL_{SERVICE}</c>, which wins over it, both switched off by
/// <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c> (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html).
/// </summary>
/// <remarks>
/// AWSSDK.Core 4.0.102 honours these endpoint variables by itself (even over an explicit RegionEndpoint), but measured
/// here it is not dependable: reading
/// <c>ClientConfig.ServiceURL</c> before constructing the client makes the client ignore them (requests go to AWS);
/// it never sets <c>ForcePathStyle</c>, so S3 on an emulator would need wildcard DNS; and an S3 client with neither a
/// region nor an endpoint variable throws "No RegionEndpoint or ServiceURL configured". So this class is the one
/// reader: clients are built with <c>IgnoreConfiguredEndpointUrls</c> and explicit settings, and tests pass a
/// dictionary instead of changing the process environment.
/// Credentials: <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>/<c>AWS_SESSION_TOKEN</c> when set (the first
/// link of the SDK's default chain, and what the Lambda runtime sets from the function's role), otherwise the rest of
/// the SDK's default chain (profile, web identity, container, instance metadata).
/// </remarks>
public sealed class AwsEnvironment
{
    public const string S3 = "S3";
    public const string Sqs = "SQS";
    public const string DynamoDb = "DynamoDB";
    public const string SesV2 = "SESv2";

    /// <summary>SES's classic (v1, query protocol) API, whose receipt rules the inbound switch changes: <c>AWS_ENDPOINT_URL_SES</c>.</summary>
    public const string Ses = "SES";

    /// <summary>The Lambda control-plane API (event source mappings): <c>AWS_ENDPOINT_URL_LAMBDA</c>.</summary>
    public const string Lambda = "Lambda";

    private const string DefaultRegion = "us-east-1";

    private readonly Func<string, string?> _getVariable;
    private readonly bool _ignoreEndpoints;
    private readonly AWSCredentials? _credentials;

    private AwsEnvironment(Func<string, string?> getVariable)
    {
        _getVariable = getVariable;
        Region = Read("AWS_REGION") ?? Read("AWS_DEFAULT_REGION") ?? DefaultRegion;
        _ignoreEndpoints = string.Equals(Read("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase);
        _credentials = (Read("AWS_ACCESS_KEY_ID"), Read("AWS_SECRET_ACCESS_KEY"), Read("AWS_SESSION_TOKEN")) switch
        {
            ({ } id, { } secret, { } token) => new SessionAWSCredentials(id, secret, token),
            ({ } id, { } secret, null) => new BasicAWSCredentials(id, secret),
            _ => null,
        };
    }

    /// <summary>The region clients sign for and, without an endpoint override, send to.</summary>
    public string Region { get; }

    /// <summary>The credentials read from the variables, or null for the rest of the SDK's default chain.</summary>
    internal AWSCredentials? Credentials => _credentials;

    /// <summary>Reads the environment once; a malformed endpoint URL fails here, at start-up, naming its variable.</summary>
    /// <param name="getVariable">Usually <see cref="Environment.GetEnvironmentVariable(string)"/>; a dictionary in tests.</param>
    public static AwsEnvironment FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var environment = new AwsEnvironment(getVariable);
        foreach (var service in (string[])[S3, Sqs, DynamoDb, SesV2, Ses, Lambda])
        {
            _ = environment.EndpointFor(service);
        }
        return environment;
    }

    /// <summary>
    /// The endpoint override for a service, by its SDK service id (<see cref="S3"/>, <see cref="Sqs"/>, …: the variable
    /// is <c>AWS_ENDPOINT_URL_</c> + the id upper-cased with spaces as underscores), or null for the region's endpoint.
    /// </summary>
    public Uri? EndpointFor(string service)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        if (_ignoreEndpoints)
        {
            return null;
        }
        var specific = "AWS_ENDPOINT_URL_" + service.ToUpperInvariant().Replace(' ', '_');
        return Parse(specific, Read(specific)) ?? Parse("AWS_ENDPOINT_URL", Read("AWS_ENDPOINT_URL"));
    }

    /// <summary>An S3 client; path-style addressing when the endpoint is overridden (emulators have no bucket subdomains).</summary>
    public AmazonS3Client CreateS3()
    {
        var config = new AmazonS3Config();
        config.ForcePathStyle = Configure(config, S3);
        return _credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(_credentials, config);
    }

    public AmazonSQSClient CreateSqs()
    {
        var config = new AmazonSQSConfig();
        Configure(config, Sqs);
        return _credentials is null ? new AmazonSQSClient(config) : new AmazonSQSClient(_credentials, config);
    }

    public AmazonDynamoDBClient CreateDynamoDb()
    {
        var config = new AmazonDynamoDBConfig();
        Configure(config, DynamoDb);
        return _credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(_credentials, config);
    }

    /// <returns>True when the endpoint is overridden.</returns>
    private bool Configure(ClientConfig config, string service)
    {
        config.IgnoreConfiguredEndpointUrls = true;
        if (EndpointFor(service) is { } endpoint)
        {
            // With a ServiceURL the SDK cannot infer the signing region from the host name.
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = Region;
            return true;
        }
        config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        return false;
    }

    private string? Read(string name) => _getVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Uri? Parse(string variable, string? value)
    {
        if (value is null)
        {
            return null;
        }
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }
        throw new InvalidOperationException($"{variable} is '{value}', which is not an absolute http(s) URL: set it to an endpoint such as http://127.0.0.1:4566 or unset it.");
    }
}
