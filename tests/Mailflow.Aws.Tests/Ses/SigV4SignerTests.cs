using Amazon.Runtime;
using Mailflow.Aws.Ses;

namespace Mailflow.Aws.Tests.Ses;

/// <summary>
/// <see cref="SigV4Signer"/> against AWS's Signature Version 4 test suite (published in the AWS General Reference as
/// aws-sig-v4-test-suite; copies in bazelbuild/bazel third_party/aws-sig-v4-test-suite and aws/aws-sdk-js-v3
/// signature-v4 suite.fixture.ts): each case's request, signed as AKIDEXAMPLE in us-east-1 for service <c>service</c> at
/// 2015-08-30T12:36:00Z, must yield the suite's Authorization header (<c>.authz</c>). Left out: the normalize-path cases
/// (HttpClient normalises dot segments itself), get-header-key-duplicate and get-header-value-multiline (one value per
/// header here, see the signer), post-sts-header-after (the token is always signed), and get-utf8 / get-space: they encode
/// the path once, but "each path segment must be URI-encoded twice (except for Amazon S3)" for every other service
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html), as the SDK does and
/// <see cref="Path_segments_are_encoded_twice_as_for_every_service_but_S3"/> checks.
/// </summary>
public sealed class SigV4SignerTests
{
    private static readonly ImmutableCredentials _suite = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static readonly DateTimeOffset _suiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    private const string SessionToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGd"
        + "QrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbq"
        + "BAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    private const string Unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    [Theory]
    [InlineData("get-vanilla", "GET", "/", "", "host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")]
    [InlineData("post-vanilla", "POST", "/", "", "host;x-amz-date", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")]
    [InlineData("get-vanilla-empty-query-key", "GET", "/?Param1=value1", "", "host;x-amz-date", "a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb")]
    [InlineData("get-vanilla-query-order-key-case", "GET", "/?Param2=value2&Param1=value1", "", "host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")]
    [InlineData("get-vanilla-query-unreserved", "GET", "/?" + Unreserved + "=" + Unreserved, "", "host;x-amz-date", "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197")]
    [InlineData("get-vanilla-utf8-query", "GET", "/?ሴ=bar", "", "host;x-amz-date", "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04")]
    [InlineData("get-unreserved", "GET", "/" + Unreserved, "", "host;x-amz-date", "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f")]
    [InlineData("post-vanilla-query", "POST", "/?Param1=value1", "", "host;x-amz-date", "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11")]
    [InlineData("post-header-key-sort", "POST", "/", "My-Header1:value1", "host;my-header1;x-amz-date", "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c")]
    [InlineData("post-header-value-case", "POST", "/", "My-Header1:VALUE1", "host;my-header1;x-amz-date", "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d")]
    [InlineData("get-header-value-trim", "GET", "/", "My-Header1: value1\nMy-Header2: \"a   b   c\"", "host;my-header1;my-header2;x-amz-date", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736")]
    [InlineData("get-header-value-order", "GET", "/", "My-Header1:value4,value1,value3,value2", "host;my-header1;x-amz-date", "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01")]
    public void A_test_suite_request_gets_the_suites_signature(string name, string method, string target, string headers, string signedHeaders, string signature)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("https://example.amazonaws.com" + target));
        foreach (var line in headers.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            request.Headers.TryAddWithoutValidation(line[..colon], line[(colon + 1)..]);
        }

        new SigV4Signer("us-east-1", "service").Sign(request, [], _suite, _suiteTime);

        Assert.True(Authorization(signedHeaders, signature) == Header(request, "Authorization"), name);
        Assert.Equal("20150830T123600Z", Header(request, "X-Amz-Date"));
    }

    [Theory]
    [InlineData("post-x-www-form-urlencoded", "application/x-www-form-urlencoded", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")]
    [InlineData("post-x-www-form-urlencoded-parameters", "application/x-www-form-urlencoded; charset=utf8", "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe")]
    public void A_test_suite_request_with_a_body_signs_its_content_type_and_payload(string name, string contentType, string signature)
    {
        var body = "Param1=value1"u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("https://example.amazonaws.com/")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        new SigV4Signer("us-east-1", "service").Sign(request, body, _suite, _suiteTime);

        Assert.True(Authorization("content-type;host;x-amz-date", signature) == Header(request, "Authorization"), name);
    }

    [Fact]
    public void The_post_sts_header_before_case_signs_the_session_token_as_a_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("https://example.amazonaws.com/"));

        new SigV4Signer("us-east-1", "service").Sign(request, [], new ImmutableCredentials(_suite.AccessKey, _suite.SecretKey, SessionToken), _suiteTime);

        Assert.Equal(SessionToken, Header(request, "X-Amz-Security-Token"));
        Assert.Equal(
            Authorization("host;x-amz-date;x-amz-security-token", "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"),
            Header(request, "Authorization"));
    }

    [Fact]
    public void The_canonical_request_of_get_vanilla_is_the_suites()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://example.amazonaws.com/"));

        var canonical = new SigV4Signer("us-east-1", "service").Sign(request, [], _suite, _suiteTime);

        Assert.Equal(
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            canonical);
    }

    [Theory]
    [InlineData("/ሴ", "/%25E1%2588%25B4")]
    [InlineData("/example space/", "/example%2520space/")]
    [InlineData("/v2/email/outbound-emails", "/v2/email/outbound-emails")]
    public void Path_segments_are_encoded_twice_as_for_every_service_but_S3(string path, string canonicalPath)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://example.amazonaws.com" + path));

        var canonical = new SigV4Signer("us-east-1", "service").Sign(request, [], _suite, _suiteTime);

        Assert.Equal(canonicalPath, canonical.Split('\n')[1]);
    }

    [Fact]
    public void Signing_again_replaces_the_previous_signature_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("https://example.amazonaws.com/"));
        var signer = new SigV4Signer("us-east-1", "service");

        signer.Sign(request, [], new ImmutableCredentials("AKIDEXAMPLE", "other", "stale-token"), _suiteTime.AddHours(1));
        signer.Sign(request, [], _suite, _suiteTime);

        Assert.Equal(Authorization("host;x-amz-date", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"), Header(request, "Authorization"));
        Assert.False(request.Headers.Contains("X-Amz-Security-Token"));
    }

    [Fact]
    public void A_header_with_several_values_is_refused_rather_than_signed_differently_from_the_wire()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://example.amazonaws.com/"));
        request.Headers.TryAddWithoutValidation("My-Header1", ["value2", "value1"]);

        var refused = Assert.Throws<ArgumentException>(() => new SigV4Signer("us-east-1", "service").Sign(request, [], _suite, _suiteTime));

        Assert.Contains("My-Header1 has 2 values", refused.Message, StringComparison.Ordinal);
    }

    private static string Authorization(string signedHeaders, string signature) =>
        $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders={signedHeaders}, Signature={signature}";

    private static string Header(HttpRequestMessage request, string name) => string.Join(",", request.Headers.GetValues(name));
}
