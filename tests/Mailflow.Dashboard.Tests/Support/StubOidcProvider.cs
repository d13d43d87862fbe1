using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using Mailflow.Testing.Auth;
using Mailflow.Testing.Stubs;
using Microsoft.IdentityModel.Tokens;

namespace Mailflow.Dashboard.Tests.Support;

/// <summary>
/// An OpenID Connect provider just big enough for the dashboard's sign-in (no real one runs offline): discovery, an
/// authorization endpoint that signs the person in at once and redirects back with a code, a token endpoint that
/// redeems the code only with the PKCE verifier whose S256 challenge came with it (RFC 7636 §4.6), and the JWKS the
/// API checks the tokens against. Tokens come from <see cref="TestTokens"/>, signed with <see cref="TestKeys.Rsa"/>.
/// </summary>
public sealed class StubOidcProvider : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (string Challenge, string Nonce, string RedirectUri)> _codes = new();
    private readonly StubHttpServer _server;

    private StubOidcProvider(string subject, string role, string? denial)
    {
        Subject = subject;
        Role = role;
        Denial = denial;
        _server = StubHttpServer.Start(Respond);
        Issuer = _server.Endpoint.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>The issuer, without a trailing slash: <c>http://127.0.0.1:PORT</c>.</summary>
    public string Issuer { get; }

    public string Subject { get; }

    public string Role { get; }

    /// <summary>When set, the authorization endpoint refuses with this OAuth error (RFC 6749 §4.1.2.1).</summary>
    public string? Denial { get; }

    /// <summary>The PKCE verifiers the token endpoint checked and accepted.</summary>
    public ConcurrentQueue<string> AcceptedVerifiers { get; } = new();

    public static StubOidcProvider Start(string subject, string role, string? denial = null) => new(subject, role, denial);

    /// <summary>mailflow.json trusting this provider, with the dashboard signing in through it.</summary>
    public string MailflowConfig(string clientId) => $$"""
        {
          "environment": "local",
          "domains": ["example.com"],
          "apps": [ { "name": "invoices" } ],
          "api": { "issuer": "{{Issuer}}", "jwksUrl": "{{Issuer}}/jwks" },
          "dashboard": { "oidc": { "issuer": "{{Issuer}}", "clientId": "{{clientId}}", "scopes": ["openid", "profile"] } }
        }
        """;

    private StubResponse Respond(CapturedRequest request)
    {
        var cors = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" };
        var query = HttpUtility.ParseQueryString(request.Url.Query);
        switch (request.Method, request.Url.AbsolutePath)
        {
            case ("GET", "/.well-known/openid-configuration"):
                return new StubResponse(200, JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["issuer"] = Issuer,
                    ["authorization_endpoint"] = $"{Issuer}/authorize",
                    ["token_endpoint"] = $"{Issuer}/token",
                    ["jwks_uri"] = $"{Issuer}/jwks",
                }), cors);
            case ("GET", "/jwks"):
                return new StubResponse(200, TestKeys.TrustedJwks);
            case ("GET", "/authorize"):
                var redirect = query["redirect_uri"]!;
                var state = Uri.EscapeDataString(query["state"] ?? "");
                if (Denial is not null)
                {
                    return Redirect($"{redirect}?error={Denial}&error_description={Uri.EscapeDataString("The user cancelled the sign-in")}&state={state}");
                }
                if (query["response_type"] != "code" || query["code_challenge_method"] != "S256" || string.IsNullOrEmpty(query["code_challenge"]))
                {
                    return Redirect($"{redirect}?error=invalid_request&state={state}");
                }
                var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
                _codes[code] = (query["code_challenge"]!, query["nonce"] ?? "", redirect);
                return Redirect($"{redirect}?code={code}&state={state}");
            case ("POST", "/token"):
                var form = HttpUtility.ParseQueryString(Encoding.UTF8.GetString(request.Body));
                if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"] ?? "", out var issued)
                    || form["redirect_uri"] != issued.RedirectUri
                    || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"] ?? ""))) != issued.Challenge)
                {
                    return new StubResponse(400, """{"error":"invalid_grant","error_description":"code or verifier does not match"}""", cors);
                }
                AcceptedVerifiers.Enqueue(form["code_verifier"]!);
                var access = TestTokens.Mint(Role, Subject, issuer: Issuer);
                var id = TestTokens.Mint(null, Subject, issuer: Issuer, audience: form["client_id"]!, claims: new Dictionary<string, object> { ["nonce"] = issued.Nonce });
                return new StubResponse(200, JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["access_token"] = access,
                    ["id_token"] = id,
                    ["token_type"] = "Bearer",
                    ["expires_in"] = 3600,
                }), cors);
            default:
                return new StubResponse(404, """{"error":"not_found"}""", cors);
        }
    }

    private static StubResponse Redirect(string location) => new(302, "", new Dictionary<string, string> { ["Location"] = location });

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
