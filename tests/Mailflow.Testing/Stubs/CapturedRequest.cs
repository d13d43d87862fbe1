using System.Text;
using System.Text.Json.Nodes;

namespace Mailflow.Testing.Stubs;

/// <summary>A request as <see cref="StubHttpServer"/> received it.</summary>
/// <param name="RawUrl">The request target as sent (path and query).</param>
public sealed record CapturedRequest(string Method, Uri Url, string RawUrl, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonObject Json() => JsonNode.Parse(Encoding.UTF8.GetString(Body))!.AsObject();
}
