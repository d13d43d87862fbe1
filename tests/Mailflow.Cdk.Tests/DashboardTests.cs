using System.Text.Json.Nodes;

namespace Mailflow.Cdk.Tests;

public sealed class DashboardTests
{
    private static Synthesized Dev => TestStacks.Dev;

    private static KeyValuePair<string, JsonObject> SiteBucket =>
        Dev.Resources("AWS::S3::Bucket").Single(b => b.Key.StartsWith("DashboardSite", StringComparison.Ordinal));

    private static JsonObject DistributionConfig =>
        Synthesized.Properties(Dev.Resources("AWS::CloudFront::Distribution").Values.Single())[nameof(DistributionConfig)]!.AsObject();

    [Fact]
    public void The_site_bucket_is_private_encrypted_TLS_only_logged_and_has_no_fixed_name()
    {
        var (id, bucket) = SiteBucket;
        var properties = Synthesized.Properties(bucket);

        Assert.Null(properties["BucketName"]);
        Assert.All(new[] { "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets" },
            setting => Assert.True((bool)properties["PublicAccessBlockConfiguration"]![setting]!));
        Assert.Equal("AES256", (string?)properties["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]);
        var accessLogs = Dev.Resources("AWS::S3::Bucket").Single(b => b.Key.StartsWith("ObservabilityAccessLogs", StringComparison.Ordinal)).Key;
        Assert.Equal(accessLogs, Synthesized.Target(properties["LoggingConfiguration"]!["DestinationBucketName"]));

        var statements = SitePolicyStatements(id);
        Assert.Contains(statements, s => (string?)s["Effect"] == "Deny" && s["Condition"]?["Bool"]?["aws:SecureTransport"]?.ToString() == "false");
    }

    [Fact]
    public void CloudFront_reads_the_bucket_through_origin_access_control_only()
    {
        var (id, _) = SiteBucket;
        Assert.Empty(Dev.Resources("AWS::CloudFront::CloudFrontOriginAccessIdentity"));
        var oac = Assert.Single(Dev.Resources("AWS::CloudFront::OriginAccessControl"));
        var origin = Assert.Single(DistributionConfig["Origins"]!.AsArray())!;
        Assert.Equal(oac.Key, Synthesized.Target(origin["OriginAccessControlId"]));
        Assert.Equal("", (string?)origin["S3OriginConfig"]!["OriginAccessIdentity"]);

        // Every Allow names a principal that is not public: CloudFront, conditioned on this distribution.
        var allows = SitePolicyStatements(id).Where(s => (string?)s["Effect"] == "Allow").ToList();
        var allow = Assert.Single(allows);
        Assert.Equal("cloudfront.amazonaws.com", (string?)allow["Principal"]!["Service"]);
        Assert.Equal("s3:GetObject", (string?)allow["Action"]);
        Assert.NotNull(allow["Condition"]!["StringEquals"]!["AWS:SourceArn"]);
        Assert.DoesNotContain(SitePolicyStatements(id), s => s["Principal"]?.ToString() is "*" || s["Principal"]?["AWS"]?.ToString() == "*" && (string?)s["Effect"] == "Allow");
    }

    [Fact]
    public void The_distribution_redirects_to_HTTPS_serves_index_html_and_falls_back_to_it_for_the_SPA()
    {
        var config = DistributionConfig;
        Assert.Equal("index.html", (string?)config["DefaultRootObject"]);
        Assert.Equal("redirect-to-https", (string?)config["DefaultCacheBehavior"]!["ViewerProtocolPolicy"]);
        var errors = config["CustomErrorResponses"]!.AsArray();
        foreach (var status in new[] { 403, 404 })
        {
            Assert.Contains(errors, e => (int?)e!["ErrorCode"] == status && (int?)e["ResponseCode"] == 200 && (string?)e["ResponsePagePath"] == "/index.html");
        }
        var logBucket = config["Logging"]!["Bucket"]!["Fn::GetAtt"]![0]!.ToString();
        Assert.StartsWith("ObservabilityAccessLogs", logBucket, StringComparison.Ordinal);
        // CloudFront standard logging needs ACLs on the log bucket: it refuses BucketOwnerEnforced.
        var ownership = Synthesized.Properties(Dev.Resources("AWS::S3::Bucket")[logBucket])["OwnershipControls"]!["Rules"]![0]!["ObjectOwnership"];
        Assert.Equal("BucketOwnerPreferred", (string?)ownership);
    }

    [Fact]
    public void The_response_headers_policy_sets_HSTS_frame_options_and_a_CSP_allowing_the_API()
    {
        var policy = Assert.Single(Dev.Resources("AWS::CloudFront::ResponseHeadersPolicy"));
        Assert.Equal(policy.Key, Synthesized.Target(DistributionConfig["DefaultCacheBehavior"]!["ResponseHeadersPolicyId"]));
        var headers = Synthesized.Properties(policy.Value)["ResponseHeadersPolicyConfig"]!["SecurityHeadersConfig"]!;

        Assert.True((int)headers["StrictTransportSecurity"]!["AccessControlMaxAgeSec"]! >= 31_536_000);
        Assert.Equal("DENY", (string?)headers["FrameOptions"]!["FrameOption"]);
        Assert.True((bool)headers["ContentTypeOptions"]!["Override"]!);
        Assert.Equal("no-referrer", (string?)headers["ReferrerPolicy"]!["ReferrerPolicy"]);
        var csp = string.Concat(headers["ContentSecurityPolicy"]!["ContentSecurityPolicy"]!["Fn::Join"]![1]!.AsArray()
            .Select(part => part is JsonValue v ? (string)v! : $"{{ref:{Synthesized.Target(part)}}}"));
        // The API origin is the HTTP API's ApiEndpoint attribute (https://{id}.execute-api.{region}.amazonaws.com).
        Assert.Contains($"connect-src 'self' {{ref:{Dev.LogicalId(Dev.Stack.Api.HttpApi)}}};", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_is_deployed_to_the_bucket_while_dashboard_dist_does_not_exist()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"mailflow-no-dist-{Guid.NewGuid():N}");
        var stack = TestStacks.WithDashboardDist(missing);

        Assert.Null(stack.Stack.Dashboard.Deployment);
        Assert.Empty(stack.Resources("Custom::CDKBucketDeployment"));
        Assert.Empty(Dev.Resources("Custom::CDKBucketDeployment"));
    }

    [Fact]
    public void A_built_dashboard_dist_is_deployed_to_the_bucket_and_invalidates_the_distribution()
    {
        var dist = Directory.CreateTempSubdirectory("mailflow-dist-").FullName;
        File.WriteAllText(Path.Combine(dist, "index.html"), "<!doctype html><title>Mailflow</title>");
        try
        {
            var stack = TestStacks.WithDashboardDist(dist);

            var deployment = Synthesized.Properties(stack.Json["Resources"]![stack.LogicalId(stack.Stack.Dashboard.Deployment!.Node.FindChild("CustomResource"))]!.AsObject());
            Assert.Equal(stack.LogicalId(stack.Stack.Dashboard.Bucket), Synthesized.Target(deployment["DestinationBucketName"]));
            Assert.Equal(stack.LogicalId(stack.Stack.Dashboard.Distribution), Synthesized.Target(deployment["DistributionId"]));
        }
        finally
        {
            Directory.Delete(dist, recursive: true);
        }
    }

    [Fact]
    public void The_dashboard_URL_is_a_stack_output()
    {
        var outputs = Dev.Json["Outputs"]!.AsObject();
        var url = Assert.Single(outputs, o => o.Key.StartsWith("DashboardUrl", StringComparison.Ordinal)).Value!["Value"]!.ToJsonString();
        Assert.Contains("https://", url, StringComparison.Ordinal);
        Assert.Contains("DomainName", url, StringComparison.Ordinal);
    }

    private static List<JsonNode> SitePolicyStatements(string bucketId) =>
        Dev.Resources("AWS::S3::BucketPolicy").Values.Select(Synthesized.Properties)
            .Where(p => Synthesized.Target(p["Bucket"]) == bucketId)
            .SelectMany(p => p["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(s => s!)
            .ToList();
}
