using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mailflow.Core.Dashboard;

/// <summary>
/// Source-generated JSON for the dashboard's config.json: camelCase, and null members written (<c>"oidc": null</c>)
/// so the page tells "no OIDC sign-in" from a truncated file.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never, WriteIndented = true)]
[JsonSerializable(typeof(DashboardSettings))]
public sealed partial class DashboardSettingsJsonContext : JsonSerializerContext;
