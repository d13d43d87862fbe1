using System.Text.Json.Nodes;
using System.Web;
using Mailflow.Testing.Emulators;

namespace Mailflow.ApiFunction.Tests.Support;

/// <summary>API Gateway HTTP API (payload 2.0) events, from tests/fixtures/events.</summary>
public static class ApiEvents
{
    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "events", name)))!.AsObject();

    /// <summary>apigw-health.json turned into a GET of <paramref name="pathAndQuery"/> (the query already URL-encoded, as API Gateway passes it).</summary>
    public static JsonObject Get(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var request = Load("apigw-health.json");
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        var rawQuery = query < 0 ? "" : pathAndQuery[(query + 1)..];
        request["rawPath"] = path;
        request["rawQueryString"] = rawQuery;
        request["requestContext"]!["http"]!["path"] = path;
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
        return request;
    }
}
