using Amazon.CDK;
using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.CloudFront.Origins;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.S3.Deployment;
using Constructs;
using Mailflow.Cdk.BuildingBlocks;

namespace Mailflow.Cdk.Features;

/// <summary>
/// The operator dashboard's hosting: a private bucket served by CloudFront through origin access control (the bucket
/// policy admits this distribution only; no origin access identity, no public access), security response headers,
/// a single-page-app fallback to <c>/index.html</c>, and the contents of <c>dashboard/dist</c> when it has been built.
/// Without a custom domain the distribution uses CloudFront's default certificate on <c>*.cloudfront.net</c>.
/// </summary>
public sealed class Dashboard : Construct
{
    public const string IndexDocument = "index.html";

    public Bucket Bucket { get; }
    public ResponseHeadersPolicy SecurityHeaders { get; }
    public Distribution Distribution { get; }

    /// <summary>The upload of <c>dashboard/dist</c>; null when the directory does not exist (not built yet).</summary>
    public BucketDeployment? Deployment { get; }

    /// <summary><c>https://{distribution domain}</c>.</summary>
    public string Url { get; }

    public Dashboard(Construct scope, string id, DashboardProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var environment = props.Environment;

        // Build output only, but RETAIN in prod like every bucket there: deleting a non-empty bucket fails anyway.
        Bucket = new Bucket(this, "Site", new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            Encryption = BucketEncryption.S3_MANAGED,
            EnforceSSL = true,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            ServerAccessLogsBucket = props.AccessLogsBucket,
            ServerAccessLogsPrefix = "dashboard-bucket/",
            RemovalPolicy = environment.StatefulRemovalPolicy,
        });

        SecurityHeaders = new ResponseHeadersPolicy(this, "SecurityHeaders", new ResponseHeadersPolicyProps
        {
            Comment = $"Mailflow {environment.Name} dashboard security headers",
            SecurityHeadersBehavior = new ResponseSecurityHeadersBehavior
            {
                StrictTransportSecurity = new ResponseHeadersStrictTransportSecurity
                {
                    AccessControlMaxAge = Duration.Days(730),
                    IncludeSubdomains = true,
                    Override = true,
                },
                ContentTypeOptions = new ResponseHeadersContentTypeOptions { Override = true },
                FrameOptions = new ResponseHeadersFrameOptions { FrameOption = HeadersFrameOption.DENY, Override = true },
                ReferrerPolicy = new ResponseHeadersReferrerPolicy { ReferrerPolicy = HeadersReferrerPolicy.NO_REFERRER, Override = true },
                ContentSecurityPolicy = new ResponseHeadersContentSecurityPolicy { ContentSecurityPolicy = ContentSecurityPolicy(props.ApiUrl), Override = true },
            },
        });

        Distribution = new Distribution(this, "Distribution", new DistributionProps
        {
            Comment = $"Mailflow {environment.Name} dashboard",
            DefaultRootObject = IndexDocument,
            DefaultBehavior = new BehaviorOptions
            {
                // OAC: CloudFront signs its requests to S3; the bucket policy admits this distribution's ARN only.
                Origin = S3BucketOrigin.WithOriginAccessControl(Bucket),
                ViewerProtocolPolicy = ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                AllowedMethods = AllowedMethods.ALLOW_GET_HEAD,
                CachePolicy = CachePolicy.CACHING_OPTIMIZED,
                ResponseHeadersPolicy = SecurityHeaders,
                Compress = true,
            },
            // The single-page app routes in the browser: a deep link is not an object in the bucket (S3 answers 403
            // through OAC when the key is missing, since the distribution may not list the bucket), so serve index.html.
            ErrorResponses =
            [
                SpaFallback(403),
                SpaFallback(404),
            ],
            HttpVersion = HttpVersion.HTTP2_AND_3,
            PriceClass = PriceClass.PRICE_CLASS_100,
            EnableLogging = true,
            LogBucket = props.AccessLogsBucket,
            LogFilePrefix = "dashboard-cloudfront/",
        });
        Nag.Suppress(Distribution,
            new NagSuppression("AwsSolutions-CFR4",
                "No custom domain yet: the distribution uses CloudFront's default *.cloudfront.net certificate, whose security policy CloudFront fixes (TLSv1 is allowed) and a template cannot raise. A custom domain with an ACM certificate and TLSv1.2_2021 comes with the dashboard domain work."),
            new NagSuppression("AwsSolutions-CFR1",
                "Operators may work from anywhere; every API call needs a JWT, and the page itself holds no data."),
            new NagSuppression("AwsSolutions-CFR2",
                "Static files only, with no data; the API behind it has its own throttling and JWT authorizer. A WAF web ACL costs more than it protects here."));

        Url = $"https://{Distribution.DistributionDomainName}";

        if (props.DistDirectory is { } dist && Directory.Exists(dist))
        {
            Deployment = new BucketDeployment(this, "Deploy", new BucketDeploymentProps
            {
                Sources = [Source.Asset(dist)],
                DestinationBucket = Bucket,
                Distribution = Distribution,
                DistributionPaths = ["/*"],
                Prune = true,
            });
            SuppressDeploymentHandler(environment);
        }

        _ = new CfnOutput(this, "Url", new CfnOutputProps
        {
            Value = Url,
            Description = "The dashboard's URL (CloudFront). The API's CORS allows https://{dashboardDomain} only: point dashboardDomain at this host or the browser cannot call the API.",
        });
    }

    /// <summary>
    /// Scripts, styles, images and fonts from the dashboard itself (it vendors its libraries: no CDN), calls to itself
    /// and the API only, never framed, no plugins.
    /// </summary>
    public static string ContentSecurityPolicy(string apiUrl) =>
        $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' {apiUrl}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// BucketDeployment runs a CDK-owned singleton function (copying the asset zip from the bootstrap bucket into the
    /// site bucket and invalidating the distribution). Its role, policy and runtime are CDK's; the findings are named
    /// one by one so that anything new still fails.
    /// </summary>
    private void SuppressDeploymentHandler(Settings.MailflowEnvironment environment)
    {
        var stack = Stack.Of(this);
        var handler = stack.Node.Children.OfType<Construct>()
            .Single(c => c.Node.Id.StartsWith("Custom::CDKBucketDeployment", StringComparison.Ordinal));
        var role = handler.Node.FindChild("ServiceRole");
        Nag.Suppress(handler, new NagSuppression("AwsSolutions-L1",
            "CDK's BucketDeployment handler: its runtime is chosen by the CDK version (2.160), not by Mailflow."));
        Nag.Suppress(role, new NagSuppression("AwsSolutions-IAM4",
            "CDK's BucketDeployment handler role: AWSLambdaBasicExecutionRole (its own logs only) is how CDK builds it; it runs at deploy time only.",
            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"));
        Nag.Suppress(role.Node.FindChild("DefaultPolicy"), new NagSuppression("AwsSolutions-IAM5",
            "CDK's BucketDeployment grants: read the asset zip from the CDK bootstrap bucket, write and prune the dashboard site bucket, and create and read CloudFront invalidations, which CDK grants on Resource * (the handler serves only this stack's deployments).",
            "Action::s3:GetBucket*", "Action::s3:GetObject*", "Action::s3:List*", "Action::s3:Abort*", "Action::s3:DeleteObject*",
            $"Resource::arn:aws:s3:::cdk-hnb659fds-assets-{environment.Account}-{environment.Region}/*",
            $"Resource::<{stack.GetLogicalId((CfnElement)Bucket.Node.DefaultChild!)}.Arn>/*",
            "Resource::*"));
    }

    private static ErrorResponse SpaFallback(double status) => new()
    {
        HttpStatus = status,
        ResponseHttpStatus = 200,
        ResponsePagePath = "/" + IndexDocument,
        Ttl = Duration.Seconds(0),
    };
}
