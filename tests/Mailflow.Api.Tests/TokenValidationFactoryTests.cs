using Mailflow.Api.Auth;
using Mailflow.Testing.Auth;
using Mailflow.Core.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mailflow.Api.Tests;

public sealed class TokenValidationFactoryTests
{
    private static readonly ApiAuthSettings s_settings = new(TestTokens.Issuer, TestTokens.Audience, null, TestKeys.TrustedJwks);

    private static TokenValidationParameters Parameters() =>
        TokenValidationFactory.Create(s_settings, new JsonWebKeySet(TestKeys.TrustedJwks).GetSigningKeys());

    private static async Task<TokenValidationResult> ValidateAsync(string token) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters());

    [Fact]
    public void Only_RS256_and_ES256_are_accepted_and_every_check_is_on()
    {
        var parameters = Parameters();

        Assert.Equal([SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256], parameters.ValidAlgorithms);
        Assert.True(parameters.ValidateIssuer);
        Assert.True(parameters.ValidateAudience);
        Assert.True(parameters.ValidateLifetime);
        Assert.True(parameters.RequireExpirationTime);
        Assert.True(parameters.RequireSignedTokens);
        Assert.Equal(TestTokens.Issuer, parameters.ValidIssuer);
        Assert.Equal(TestTokens.Audience, parameters.ValidAudience);
        Assert.True(parameters.ClockSkew <= TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_token_signed_RS256_by_a_trusted_key_validates()
    {
        var result = await ValidateAsync(TestTokens.Mint(Roles.Viewer));

        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task A_token_signed_ES256_by_a_trusted_key_validates()
    {
        var result = await ValidateAsync(TestTokens.Mint(Roles.Viewer, key: TestKeys.Ec, algorithm: SecurityAlgorithms.EcdsaSha256));

        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task An_ES384_token_from_an_otherwise_trusted_issuer_is_refused()
    {
        var result = await ValidateAsync(TestTokens.Mint(Roles.Viewer, key: TestKeys.Ec, algorithm: SecurityAlgorithms.EcdsaSha384));

        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task A_token_expired_beyond_the_skew_is_refused_and_one_within_it_accepted()
    {
        var now = TimeProvider.System.GetUtcNow();

        var expired = await ValidateAsync(TestTokens.Mint(Roles.Viewer, notBefore: now.AddHours(-1), expires: now.AddSeconds(-90)));
        var withinSkew = await ValidateAsync(TestTokens.Mint(Roles.Viewer, notBefore: now.AddHours(-1), expires: now.AddSeconds(-30)));

        Assert.IsType<SecurityTokenExpiredException>(expired.Exception);
        Assert.True(withinSkew.IsValid, withinSkew.Exception?.Message);
    }

    [Fact]
    public void Settings_from_a_config_without_keys_use_the_local_key_and_issuer()
    {
        var settings = ApiAuthSettings.FromConfig(new ApiConfig(), TestKeys.TrustedJwks);

        Assert.Equal(ApiConfig.LocalIssuer, settings.Issuer);
        Assert.Equal(ApiConfig.DefaultAudience, settings.Audience);
        Assert.Equal(TestKeys.TrustedJwks, settings.JwksJson);
        Assert.Null(settings.JwksUrl);
    }

    [Fact]
    public void Settings_from_a_config_with_a_JWKS_URL_but_no_issuer_are_refused_with_the_reason()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ApiAuthSettings.FromConfig(new ApiConfig { JwksUrl = "https://issuer.test/.well-known/jwks.json" }, null));

        Assert.Contains("api.issuer is required", error.Message, StringComparison.Ordinal);
    }
}
