using System.Text.Json.Nodes;
using System.Web;
using Mailflow.Testing.Emulators;

namespace Mailflow.ApiFunction.Tests.Support;

/// <summary>API Gateway HTTP API (payload 2.0) events, from tests/fixtures/events.</summary>
public static class ApiEvents
{
    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "events", name)))!.AsObject();

    /// <summary>
    /// apigw-health.json turned into a GET of <paramref name="pathAndQuery"/> (the query already URL-encoded, as API
    /// Gateway passes it), with <paramref name="token"/> as its bearer token when given.
    /// </summary>
    public static JsonObject Get(string pathAndQuery, string? token = null) => Request("GET", pathAndQuery, token, null);

    /// <summary>A POST of <paramref name="jsonBody"/> (none when null), as API Gateway passes a text body: not base64-encoded.</summary>
    public static JsonObject Post(string pathAndQuery, string? token, string? jsonBody = null) => Request("POST", pathAndQuery, token, jsonBody);

    private static JsonObject Request(string method, string pathAndQuery, string? token, string? jsonBody)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var request = Load("apigw-health.json");
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        var rawQuery = query < 0 ? "" : pathAndQuery[(query + 1)..];
        request["rawPath"] = path;
        request["rawQueryString"] = rawQuery;
        request["requestContext"]!["http"]!["path"] = path;
        request["requestContext"]!["http"]!["method"] = method;
        request["pathParameters"] = new JsonObject { ["proxy"] = path["/api/".Length..] };
        if (rawQuery.Length > 0)
        {
            var parameters = HttpUtility.ParseQueryString(rawQuery);
            var decoded = new JsonObject();
            foreach (var name in parameters.AllKeys)
            {
                decoded[name!] = parameters[name];
            }
            request["queryStringParameters"] = decoded;
        }
        var headers = request["headers"]!.AsObject();
        if (token is not null)
        {
            headers["authorization"] = $"Bearer {token}";
        }
        if (jsonBody is not null)
        {
            headers["content-type"] = "application/json";
            headers["content-length"] = System.Text.Encoding.UTF8.GetByteCount(jsonBody).ToString(System.Globalization.CultureInfo.InvariantCulture);
            request["body"] = jsonBody;
        }
        return request;
    }
}
