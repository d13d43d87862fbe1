using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace Mailflow.Cdk.Tests;

/// <summary>A synthesized stack: the CDK assertions view and the template as JSON, to walk every resource of a type.</summary>
internal sealed class Synthesized(MailflowStack stack)
{
    public MailflowStack Stack { get; } = stack;
    public Template Template { get; } = Template.FromStack(stack);

    public JsonObject Json => _json ??= JsonNode.Parse(JsonSerializer.Serialize(Template.ToJSON()))!.AsObject();
    private JsonObject? _json;

    /// <summary>Resources of <paramref name="type"/> by logical id.</summary>
    public IReadOnlyDictionary<string, JsonObject> Resources(string type) =>
        Json["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] == type)
            .ToDictionary(r => r.Key, r => r.Value!.AsObject());

    /// <summary>The logical id of <paramref name="construct"/>'s CloudFormation resource.</summary>
    public string LogicalId(Constructs.IConstruct construct) =>
        Stack.GetLogicalId((Amazon.CDK.CfnElement)(construct as Amazon.CDK.CfnElement ?? construct.Node.DefaultChild!));

    /// <summary>The worker's function (the stack has more than one).</summary>
    public JsonObject WorkerFunction => Json["Resources"]![LogicalId(Stack.Worker.Function.Function)]!.AsObject();

    public static JsonObject Properties(JsonObject resource) => resource["Properties"]!.AsObject();

    /// <summary>The logical id a <c>Ref</c> or <c>Fn::GetAtt</c> <paramref name="value"/> points at.</summary>
    public static string Target(JsonNode? value) => value switch
    {
        JsonObject o when o["Ref"] is JsonValue r => (string)r!,
        JsonObject o when o["Fn::GetAtt"] is JsonArray a => (string)a[0]!,
        _ => throw new Xunit.Sdk.XunitException($"{value?.ToJsonString()} is not a Ref or Fn::GetAtt"),
    };
}
