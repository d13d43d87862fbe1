using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Mailflow.Api.Auth;

/// <summary>
/// 401 and 403 answers: JSON bodies like every other error, and the <c>WWW-Authenticate</c> header of RFC 6750 §3 — no
/// error attribute when no token was sent (§3.1), <c>invalid_token</c> with a description when one was refused.
/// </summary>
public static class BearerChallenges
{
    public const string Realm = "mailflow";

    public static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        var failure = context.AuthenticateFailure;
        var description = failure is null ? null : Describe(failure);
        context.Response.Headers.WWWAuthenticate = description is null
            ? $"Bearer realm=\"{Realm}\""
            : $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"{description}\"";
        await ApiErrors.WriteAsync(context.Response, StatusCodes.Status401Unauthorized, description is null ? "token-required" : "token-invalid",
            description is null
                ? "This endpoint needs a bearer token (Authorization: Bearer …); `mailflow token --role viewer` prints one locally."
                : $"The bearer token was refused: {description}").ConfigureAwait(false);
    }

    /// <summary>Refuses a signed, valid token that names no subject: the audit trail needs a who for every action.</summary>
    public static Task TokenValidatedAsync(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal?.FindFirst("sub")?.Value is not { Length: > 0 })
        {
            context.Fail(new MissingSubjectException());
        }
        return Task.CompletedTask;
    }

    public static Task ForbiddenAsync(ForbiddenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var held = context.HttpContext.User.FindAll(Roles.ClaimType).Select(claim => claim.Value).ToList();
        var role = held.Count == 0 ? "none" : string.Join(", ", held);
        return ApiErrors.WriteAsync(context.Response, StatusCodes.Status403Forbidden, "role-required",
            $"The token's roles ({role}) do not allow this action; viewer reads, operator also pauses, redrives, replays and tests, admin also disables, purges and downloads raw mail.");
    }

    /// <summary>What was wrong with the token, in words safe to show (no key material, no token contents).</summary>
    private static string Describe(Exception failure) => failure switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidIssuerException => "the token's issuer is not the one this API trusts",
        SecurityTokenInvalidAudienceException => "the token's audience is not this API",
        SecurityTokenInvalidAlgorithmException => "the token's algorithm is not RS256 or ES256",
        SecurityTokenSignatureKeyNotFoundException => "the token is not signed by a key this API trusts",
        SecurityTokenInvalidSignatureException => "the token's signature does not verify",
        SecurityTokenNoExpirationException => "the token has no expiry",
        MissingSubjectException => "the token has no subject (sub)",
        _ => "the token is malformed or not signed as required",
    };
}
