using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Mailflow.Api.Auth;
using Mailflow.Core.Configuration;
using Mailflow.Local.Auth;
using Mailflow.Local.Storage;

namespace Mailflow.Cli.Commands;

/// <summary>
/// A GET to the API of a running <c>mailflow run</c>, as a viewer, with a short-lived bearer token minted from the data
/// directory's signing key (the key <c>mailflow run</c> publishes at <c>/.well-known/jwks.json</c>). Every failure is one
/// line on stderr saying what to do, and null.
/// </summary>
public static class LocalApiRequest
{
    /// <summary>Long enough for one request, short enough that a token leaked from a process list is soon useless.</summary>
    private static readonly TimeSpan s_tokenLifetime = TimeSpan.FromMinutes(2);

    public static async Task<T?> GetAsync<T>(string baseUrl, string path, string dataDir, ApiConfig api, JsonTypeInfo<T> type,
        TextWriter error, CancellationToken cancellationToken) where T : class
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(error);
        string token;
        try
        {
            using var key = LocalSigningKey.LoadOrCreate(new DataDirectory(dataDir));
            token = key.Mint("mailflow-cli", Roles.Viewer, s_tokenLifetime, TimeProvider.System, ApiConfig.LocalIssuer, api.Audience);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(ex.Message);
            return null;
        }
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                error.WriteLine($"{baseUrl}{path}: {(int)response.StatusCode} {response.StatusCode}: the API refused a token signed with the key in " +
                    $"{Path.GetFullPath(dataDir)}; give the --data-dir (and --config) that `mailflow run` uses.");
                return null;
            }
            if (!response.IsSuccessStatusCode)
            {
                error.WriteLine($"{baseUrl}{path}: {(int)response.StatusCode} {OneLine(await response.Content.ReadAsStringAsync(cancellationToken))}");
                return null;
            }
            return await response.Content.ReadFromJsonAsync(type, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            error.WriteLine($"nothing answers at {baseUrl} ({ex.Message}); is `mailflow run` running?");
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"{baseUrl} did not answer within 10 seconds; is `mailflow run` running there?");
            return null;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
