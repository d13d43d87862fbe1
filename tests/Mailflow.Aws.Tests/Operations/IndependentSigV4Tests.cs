using System.Text;
using Mailflow.Testing.Stubs;

namespace Mailflow.Aws.Tests.Operations;

/// <summary>The test's own SigV4 reproduces AWS's test suite (AKIDEXAMPLE, us-east-1, service, 2015-08-30T12:36:00Z), so it can judge the adapter's signatures.</summary>
public sealed class IndependentSigV4Tests
{
    private const string SuiteSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    [Fact]
    public void Get_vanilla_gets_the_suites_signature()
    {
        var request = Request("GET", "/", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", "host;x-amz-date");

        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", IndependentSigV4.Signature(request, SuiteSecret));
    }

    [Fact]
    public void Post_x_www_form_urlencoded_gets_the_suites_signature()
    {
        var request = Request("POST", "/", "Param1=value1", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", "content-type;host;x-amz-date",
            ("Content-Type", "application/x-www-form-urlencoded"));

        Assert.Equal("ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", IndependentSigV4.Signature(request, SuiteSecret));
    }

    private static CapturedRequest Request(string method, string rawUrl, string body, string signature, string signedHeaders, params (string Name, string Value)[] extra)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "example.amazonaws.com",
            ["X-Amz-Date"] = "20150830T123600Z",
            ["Authorization"] = $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders={signedHeaders}, Signature={signature}",
        };
        foreach (var (name, value) in extra)
        {
            headers[name] = value;
        }
        return new CapturedRequest(method, new Uri("https://example.amazonaws.com" + rawUrl), rawUrl, headers, Encoding.UTF8.GetBytes(body));
    }
}
