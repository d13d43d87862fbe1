using System.Text.Json.Nodes;

namespace Mailflow.Core.Tests.Fixtures;

/// <summary>
/// Compares an expected JSON fragment with an actual document: every key written in the expectation
/// must match; arrays match element by element and in length; <c>text</c> and <c>html</c> compare after
/// CRLF → LF and trimming trailing whitespace. Returns the differences, each with its path.
/// </summary>
public static class PartialJson
{
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var differences = new List<string>();
        Compare(expected, actual, path, differences);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected)
        {
            case null when actual is not null:
                differences.Add($"{path}: expected null, got {actual.ToJsonString()}");
                break;
            case null:
                break;
            case JsonObject expectedObject when actual is JsonObject actualObject:
                foreach (var (key, value) in expectedObject)
                {
                    if (!actualObject.TryGetPropertyValue(key, out var actualValue))
                    {
                        differences.Add($"{path}.{key}: missing");
                        continue;
                    }
                    Compare(value, actualValue, $"{path}.{key}", differences);
                }
                break;
            case JsonArray expectedArray when actual is JsonArray actualArray:
                if (expectedArray.Count != actualArray.Count)
                {
                    differences.Add($"{path}: expected {expectedArray.Count} items, got {actualArray.Count}: {actualArray.ToJsonString()}");
                    break;
                }
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    Compare(expectedArray[i], actualArray[i], $"{path}[{i}]", differences);
                }
                break;
            case JsonValue expectedValue when actual is JsonValue actualValue:
                var isBody = path.EndsWith(".text", StringComparison.Ordinal) || path.EndsWith(".html", StringComparison.Ordinal);
                var left = isBody ? NormaliseBody(expectedValue.ToString()) : expectedValue.ToJsonString();
                var right = isBody ? NormaliseBody(actualValue.ToString()) : actualValue.ToJsonString();
                if (!string.Equals(left, right, StringComparison.Ordinal))
                {
                    differences.Add($"{path}: expected {expectedValue.ToJsonString()}, got {actualValue.ToJsonString()}");
                }
                break;
            default:
                differences.Add($"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }

    private static string NormaliseBody(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
}
