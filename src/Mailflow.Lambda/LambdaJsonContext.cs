using System.Text.Json.Serialization;
using Mailflow.Lambda.Events.ApiGateway;
using Mailflow.Lambda.Events.Sns;
using Mailflow.Lambda.Events.Sqs;
using Mailflow.Lambda.Runtime;

namespace Mailflow.Lambda;

/// <summary>
/// Source-generated JSON for the Runtime API's error body and the event shapes (Native AOT: no reflection). Names are
/// camelCase as the events use them; the exceptions (SNS and SQS system attributes in PascalCase, <c>eventSourceARN</c>)
/// are named on their members. Matching is case-sensitive, as AWS writes the events, and nulls are left out of what we send.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LambdaError))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(SnsNotification))]
[JsonSerializable(typeof(HttpApiRequest))]
[JsonSerializable(typeof(HttpApiResponse))]
public sealed partial class LambdaJsonContext : JsonSerializerContext;
