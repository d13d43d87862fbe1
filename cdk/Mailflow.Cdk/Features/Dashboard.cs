using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>dashboard/build.mjs's record of the JavaScript sizes: in dist, never uploaded.</summary>
    public const string SizeReport = "size-report.json";

    /// <summary>The page's settings (docs/dashboard.md, "Settings (config.json)"), next to index.html.</summary>
    public const string SettingsDocument = "config.json";

    public Bucket Bucket { get; }
    public ResponseHeadersPolicy SecurityHeaders { get; }
    public Distribution Distribution { get; }

    /// <summary>The upload of <c>dashboard/dist</c>; null when the directory does not exist (not built yet).</summary>
    public BucketDeployment? Deployment { get; }

    /// <summary>The upload of <see cref="SettingsDocument"/>, with the dist; null without it.</summary>
    public BucketDeployment? SettingsDeployment { get; }

    /// <summary><c>https://{distribution domain}</c>.</summary>
    public string Url { get; }

    public Dashboard(Construct scope, string id, DashboardProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var environment = props.Environment;
        if (props.Oidc is { } oidc && oidc.Issuer != environment.JwtIssuer)
        {
            // RFC 7519 §4.1.1 and OpenID Connect Discovery 1.0 §4.3: the issuer is compared as a string, so the
            // tokens the page gets from this provider would all be refused by the API's authorizer.
            throw new InvalidOperationException(
                $"dashboard.oidc.issuer '{oidc.Issuer}' is not the issuer the API trusts in environment {environment.Name} (cdk.json jwtIssuer '{environment.JwtIssuer}'); " +
                "the API would refuse every token the dashboard signs in with. Make them the same string, or give this environment its own configFile.");
        }

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
                ContentSecurityPolicy = new ResponseHeadersContentSecurityPolicy { ContentSecurityPolicy = ContentSecurityPolicy(props.ApiUrl, props.Oidc?.ConnectOrigins ?? []), Override = true },
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
                // Written by SettingsDeployment: excluded from this sync, so pruning leaves it alone. The size report is
                // the build's, not the page's.
                Exclude = [SettingsDocument, SizeReport],
                // The files keep their names from build to build (no content hashes: the page is not bundled), so
                // browsers revalidate each one (a 304 when unchanged) rather than run a stale module after a deploy.
                CacheControl = [CacheControl.NoCache()],
            });
            // Its own upload for its own Cache-Control: the settings change with every deploy, the distribution is
            // invalidated then, and no-cache keeps browsers from a heuristic freshness (RFC 9111 §4.2.2) on the old
            // file; CloudFront keeps it for the cache policy's minimum TTL (1 s) at most.
            SettingsDeployment = new BucketDeployment(this, "DeploySettings", new BucketDeploymentProps
            {
                Sources = [Source.Data(SettingsDocument, SettingsJson(props))],
                DestinationBucket = Bucket,
                Distribution = Distribution,
                DistributionPaths = ["/" + SettingsDocument],
                Prune = false,
                CacheControl = [CacheControl.NoCache()],
                ContentType = "application/json",
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
    /// Scripts, styles, images and fonts from the dashboard itself (it vendors its libraries: no CDN), calls to itself,
    /// the API and, with OIDC sign-in, the provider's discovery and token endpoints only; never framed, no plugins.
    /// </summary>
    public static string ContentSecurityPolicy(string apiUrl, IEnumerable<string> signInOrigins)
    {
        var connect = string.Join(' ', new[] { "'self'", apiUrl }.Concat(signInOrigins ?? []));
        return $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src {connect}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    /// <summary>
    /// config.json as docs/dashboard.md defines it (Mailflow.Core's DashboardSettings makes the same document under
    /// <c>mailflow run</c>): the API's URL (a deploy-time token, which Source.Data resolves), the environment, the
    /// sign-in. Serialized here rather than by Source.JsonData, which drops a null member on its way through jsii, and
    /// the page needs <c>"oidc": null</c>.
    /// </summary>
    public static string SettingsJson(DashboardProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var settings = new JsonObject
        {
            ["apiBaseUrl"] = props.ApiUrl,
            ["environment"] = props.Environment.Name,
            ["oidc"] = props.Oidc is { } oidc
                ? new JsonObject
                {
                    ["issuer"] = oidc.Issuer,
                    ["clientId"] = oidc.ClientId,
                    ["scopes"] = new JsonArray([.. oidc.Scopes.Select(scope => JsonValue.Create(scope))]),
                    ["token"] = oidc.Token,
                }
                : null,
            ["rolesClaim"] = props.RolesClaim,
        };
        return settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

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
