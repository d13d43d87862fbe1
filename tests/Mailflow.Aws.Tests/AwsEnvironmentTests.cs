using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Mailflow.Aws.Tests;

public sealed class AwsEnvironmentTests
{
    private static AwsEnvironment From(params (string Name, string Value)[] variables)
    {
        var environment = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return AwsEnvironment.FromEnvironment(environment.GetValueOrDefault);
    }

    [Fact]
    public void Region_is_AWS_REGION_then_AWS_DEFAULT_REGION_then_us_east_1()
    {
        Assert.Equal("eu-west-1", From(("AWS_REGION", "eu-west-1"), ("AWS_DEFAULT_REGION", "eu-central-1")).Region);
        Assert.Equal("eu-central-1", From(("AWS_DEFAULT_REGION", "eu-central-1")).Region);
        Assert.Equal("eu-central-1", From(("AWS_REGION", " "), ("AWS_DEFAULT_REGION", "eu-central-1")).Region);
        Assert.Equal("us-east-1", From().Region);
    }

    [Fact]
    public void EndpointFor_without_overrides_is_null()
    {
        Assert.Null(From(("AWS_REGION", "eu-west-1")).EndpointFor(AwsEnvironment.Sqs));
    }

    [Fact]
    public void EndpointFor_a_service_prefers_its_own_variable_to_the_global_one()
    {
        var environment = From(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324"),
            ("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"), ("AWS_ENDPOINT_URL_SESV2", "http://127.0.0.1:8005"));

        Assert.Equal(new Uri("http://127.0.0.1:9324"), environment.EndpointFor(AwsEnvironment.Sqs));
        Assert.Equal(new Uri("http://127.0.0.1:9324"), environment.EndpointFor("sqs"));
        Assert.Equal(new Uri("http://127.0.0.1:8000"), environment.EndpointFor(AwsEnvironment.DynamoDb));
        Assert.Equal(new Uri("http://127.0.0.1:8005"), environment.EndpointFor(AwsEnvironment.SesV2));
        Assert.Equal(new Uri("http://127.0.0.1:4566"), environment.EndpointFor(AwsEnvironment.S3));
    }

    [Fact]
    public void EndpointFor_a_service_id_with_spaces_reads_the_variable_with_underscores()
    {
        Assert.Equal(new Uri("https://logs.example.test"), From(("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "https://logs.example.test")).EndpointFor("CloudWatch Logs"));
    }

    [Fact]
    public void AWS_IGNORE_CONFIGURED_ENDPOINT_URLS_turns_every_override_off()
    {
        var environment = From(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"));

        Assert.Null(environment.EndpointFor(AwsEnvironment.Sqs));
        Assert.Null(environment.EndpointFor(AwsEnvironment.S3));
    }

    [Fact]
    public void An_empty_variable_counts_as_unset()
    {
        Assert.Equal(new Uri("http://127.0.0.1:4566"), From(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL_S3", "")).EndpointFor(AwsEnvironment.S3));
    }

    [Theory]
    [InlineData("AWS_ENDPOINT_URL_SQS", "localhost:9324")]
    [InlineData("AWS_ENDPOINT_URL", "not a url")]
    [InlineData("AWS_ENDPOINT_URL_S3", "ftp://127.0.0.1/")]
    public void A_malformed_endpoint_fails_at_start_up_naming_its_variable(string variable, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => From((variable, value)));

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_an_endpoint_S3_is_path_style_on_that_endpoint_signing_for_the_region()
    {
        using var s3 = From(("AWS_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")).CreateS3();
        var config = (AmazonS3Config)s3.Config;

        Assert.Equal("http://127.0.0.1:4566/", config.ServiceURL);
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
        Assert.True(config.ForcePathStyle);
        Assert.True(config.IgnoreConfiguredEndpointUrls);
    }

    [Fact]
    public void Without_an_endpoint_clients_use_the_regions_endpoint_and_S3_is_virtual_hosted()
    {
        var environment = From(("AWS_REGION", "eu-west-1"));
        using var s3 = environment.CreateS3();
        using var sqs = environment.CreateSqs();
        using var dynamo = environment.CreateDynamoDb();

        Assert.All([s3.Config, sqs.Config, dynamo.Config], config =>
        {
            Assert.Equal(RegionEndpoint.EUWest1, config.RegionEndpoint);
            Assert.Null(config.ServiceURL);
            Assert.True(config.IgnoreConfiguredEndpointUrls);
        });
        Assert.False(((AmazonS3Config)s3.Config).ForcePathStyle);
    }

    [Fact]
    public void Service_specific_endpoints_reach_the_SQS_and_DynamoDB_clients()
    {
        var environment = From(("AWS_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324"), ("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"));
        using var sqs = environment.CreateSqs();
        using var dynamo = environment.CreateDynamoDb();
        using var s3 = environment.CreateS3();

        Assert.Equal(("http://127.0.0.1:9324/", "eu-west-1"), (sqs.Config.ServiceURL, sqs.Config.AuthenticationRegion));
        Assert.Equal(("http://127.0.0.1:8000/", "eu-west-1"), (dynamo.Config.ServiceURL, dynamo.Config.AuthenticationRegion));
        Assert.Equal(RegionEndpoint.EUWest1, s3.Config.RegionEndpoint);
    }

    [Fact]
    public void Credentials_come_from_the_variables_with_the_session_token_when_there_is_one()
    {
        var session = From(("AWS_ACCESS_KEY_ID", "ASIAEXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "secret"), ("AWS_SESSION_TOKEN", "token")).Credentials;
        var basic = From(("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"), ("AWS_SECRET_ACCESS_KEY", "secret")).Credentials;

        var sessionKeys = Assert.IsType<SessionAWSCredentials>(session).GetCredentials();
        Assert.Equal(("ASIAEXAMPLE", "secret", "token"), (sessionKeys.AccessKey, sessionKeys.SecretKey, sessionKeys.Token));
        Assert.Equal("AKIAEXAMPLE", Assert.IsType<BasicAWSCredentials>(basic).GetCredentials().AccessKey);
    }

    [Fact]
    public void Without_credential_variables_the_SDK_default_chain_is_left_to_find_them()
    {
        Assert.Null(From(("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")).Credentials);
        Assert.Null(From().Credentials);
    }
}
