namespace Mailflow.Api.Tests.Support;

/// <summary>How a test reaches the API: ASP.NET Core's in-process TestServer, or the API Gateway v2 bridge of the API function.</summary>
public enum ApiTransport
{
    TestServer,
    Bridge,
}
