using System.Text.Json;
using System.Text.Json.Serialization;
using Mailflow.Api.Views;
using Mailflow.Core.Operations;

namespace Mailflow.Api;

/// <summary>Source-generated JSON of the API's requests and responses (camelCase, AOT-safe).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ErrorView))]
[JsonSerializable(typeof(HealthView))]
[JsonSerializable(typeof(DeepHealthView))]
[JsonSerializable(typeof(MetricsSummaryView))]
[JsonSerializable(typeof(SeriesView))]
[JsonSerializable(typeof(QueuesView))]
[JsonSerializable(typeof(QueueBrowse))]
[JsonSerializable(typeof(RedriveRequest))]
[JsonSerializable(typeof(RedriveProgress))]
[JsonSerializable(typeof(PurgeRequest))]
[JsonSerializable(typeof(PurgeView))]
[JsonSerializable(typeof(MessagesView))]
[JsonSerializable(typeof(MessageView))]
[JsonSerializable(typeof(ReplayView))]
[JsonSerializable(typeof(InboundStatus))]
[JsonSerializable(typeof(InboundChangeView))]
[JsonSerializable(typeof(TestInboundRequest))]
[JsonSerializable(typeof(TestInboundView))]
[JsonSerializable(typeof(TestOutboundRequest))]
[JsonSerializable(typeof(TestOutboundView))]
[JsonSerializable(typeof(AuditView))]
[JsonSerializable(typeof(RoutePreviewView))]
[JsonSerializable(typeof(EffectiveConfigView))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
