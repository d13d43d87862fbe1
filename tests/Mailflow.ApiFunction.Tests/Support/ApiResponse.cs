using System.Text;
using System.Text.Json.Nodes;

namespace Mailflow.ApiFunction.Tests.Support;

/// <summary>A payload 2.0 response as the function posted it: status, headers (names compared case-insensitively), decoded body.</summary>
public sealed record ApiResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    /// <summary>Reads the response; anything that is not a well-formed payload 2.0 response throws.</summary>
    public static ApiResponse Parse(byte[] posted)
    {
        var response = JsonNode.Parse(posted)!.AsObject();
        var status = (int)response["statusCode"]!;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in response["headers"]?.AsObject() ?? [])
        {
            headers[name] = (string)value!;
        }
        var body = (string?)response["body"] ?? "";
        var base64 = (bool?)response["isBase64Encoded"] ?? false;
        return new ApiResponse(status, headers, base64 ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body));
    }
}
