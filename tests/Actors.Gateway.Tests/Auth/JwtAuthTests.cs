using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Actors.Tests.Shared;

namespace Actors.Gateway.Tests.Auth;

/// <summary>
/// JWTs from the users' identity provider, signed here: keys from a JWKS file or from an authority's discovery document
/// over HTTP; the principal and permissions come from the token's claims; every refusal is a 401 problem saying why.
/// </summary>
public sealed class JwtAuthTests(JwtSilosFixture silos) : IClassFixture<JwtSilosFixture>
{
    private static readonly string OrderReadWrite = "actors/order:read actors/order:write";

    [Fact]
    public async Task A_token_names_its_principal_with_sub_and_grants_a_space_separated_permissions_string()
    {
        var token = silos.FileProvider.Sign(Claims("alice", OrderReadWrite), JwtSilosFixture.Audience);
        var id = $"jwt-{Guid.NewGuid():N}";

        var me = await SendAsync(silos.KeysFileSilo, HttpMethod.Get, "/resources/me", token);
        var created = await SendAsync(silos.KeysFileSilo, HttpMethod.Post, $"/resources/actors/order/{id}", token, """[{"type":"create","body":{"currency":"SEK"}}]""");
        var checkpoints = await SendAsync(silos.KeysFileSilo, HttpMethod.Post, $"/resources/actors/order/{id}", token, """[{"type":"getCheckpoints"}]""");

        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal("alice", (string?)me.Body!["principal"]);
        Assert.Equal(["read", "write"], me.Body["permissions"]!["order"]!.AsArray().Select(p => (string?)p));
        Assert.Empty(me.Body["permissions"]!["payment"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("alice", (string?)checkpoints.Body![0]!["principal"]);
    }

    [Fact]
    public async Task A_permissions_array_grants_each_item_and_a_missing_permission_is_403_as_for_static_tokens()
    {
        var writer = silos.FileProvider.Sign(Claims("bob", OrderReadWrite), JwtSilosFixture.Audience);
        var reader = silos.FileProvider.Sign(Claims("carol", new[] { "actors/order:read", "other-app:admin" }), JwtSilosFixture.Audience);
        var id = $"jwt-{Guid.NewGuid():N}";
        await SendAsync(silos.KeysFileSilo, HttpMethod.Post, $"/resources/actors/order/{id}", writer, """[{"type":"create","body":{"currency":"SEK"}}]""");

        var read = await SendAsync(silos.KeysFileSilo, HttpMethod.Post, $"/resources/actors/order/{id}", reader, """[{"type":"query"}]""");
        var write = await SendAsync(silos.KeysFileSilo, HttpMethod.Post, $"/resources/actors/order/{id}", reader, """[{"type":"addTag","body":{"key":"x"}}]""");

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(HttpStatusCode.Forbidden, write.Status);
        Assert.Equal("actors/order:write", (string?)write.Body!["permission"]);
    }

    [Fact]
    public async Task Static_tokens_keep_working_beside_jwts()
    {
        var me = await SendAsync(silos.KeysFileSilo, HttpMethod.Get, "/resources/me", TestTokens.Reader);

        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal("reader", (string?)me.Body!["principal"]);
    }

    [Fact]
    public async Task An_expired_token_is_401_saying_it_expired()
    {
        var token = silos.FileProvider.Sign(Claims("alice", OrderReadWrite), JwtSilosFixture.Audience, expires: DateTime.UtcNow.AddHours(-1));

        var answer = await SendAsync(silos.KeysFileSilo, HttpMethod.Get, "/resources/me", token);

        AssertUnauthorized(answer, "expired");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_401_saying_the_signature_is_not_valid()
    {
        var sameKeyId = TestIdentityProvider.Rsa(JwtSilosFixture.FileIssuer).Sign(Claims("mallory", "actors/*:*"), JwtSilosFixture.Audience);
        var unknownKeyId = TestIdentityProvider.Rsa(JwtSilosFixture.FileIssuer, "rsa-other").Sign(Claims("mallory", "actors/*:*"), JwtSilosFixture.Audience);

        AssertUnauthorized(await SendAsync(silos.KeysFileSilo, HttpMethod.Get, "/resources/me", sameKeyId), "signature");
        AssertUnauthorized(await SendAsync(silos.KeysFileSilo, HttpMethod.Get, "/resources/me", unknownKeyId), "signature");
    }

    [Fact]
    public async Task A_token_for_another_audience_is_401_saying_so()
    {
        var token = silos.FileProvider.Sign(Claims("alice", OrderReadWrite), "some-other-service");

        AssertUnauthorized(await SendAsync(silos.KeysFileSilo, HttpMethod.Get, "/resources/me", token), "audience");
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_401_saying_so()
    {
        var token = silos.FileProvider.Sign(Claims("alice", OrderReadWrite), JwtSilosFixture.Audience, issuer: "https://elsewhere.example.test/");

        AssertUnauthorized(await SendAsync(silos.KeysFileSilo, HttpMethod.Get, "/resources/me", token), "issuer");
    }

    [Fact]
    public async Task A_token_without_a_principal_claim_or_with_a_malformed_grant_is_401_naming_the_claim()
    {
        var nameless = silos.FileProvider.Sign(new Dictionary<string, object> { ["permissions"] = OrderReadWrite }, JwtSilosFixture.Audience);
        var malformed = silos.FileProvider.Sign(Claims("alice", "actors/order:reed"), JwtSilosFixture.Audience);

        AssertUnauthorized(await SendAsync(silos.KeysFileSilo, HttpMethod.Get, "/resources/me", nameless), "'sub'");
        AssertUnauthorized(await SendAsync(silos.KeysFileSilo, HttpMethod.Get, "/resources/me", malformed), "'permissions'");
    }

    [Fact]
    public async Task An_authority_s_keys_are_discovered_over_http_and_the_principal_is_the_configured_claim()
    {
        var claims = Claims("user-0042", new[] { "actors/*:read" });
        claims["preferred_username"] = "dana";
        var token = silos.Authority.Sign(claims, JwtSilosFixture.Audience);
        var expired = silos.Authority.Sign(claims, JwtSilosFixture.Audience, expires: DateTime.UtcNow.AddHours(-1));
        var wrongAudience = silos.Authority.Sign(claims, "some-other-service");

        var me = await SendAsync(silos.AuthoritySilo, HttpMethod.Get, "/resources/me", token);

        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal("dana", (string?)me.Body!["principal"]);
        Assert.Equal(["read"], me.Body["permissions"]!["ticket"]!.AsArray().Select(p => (string?)p));
        AssertUnauthorized(await SendAsync(silos.AuthoritySilo, HttpMethod.Get, "/resources/me", expired), "expired");
        AssertUnauthorized(await SendAsync(silos.AuthoritySilo, HttpMethod.Get, "/resources/me", wrongAudience), "audience");
    }

    [Fact]
    public async Task No_token_and_an_unknown_static_token_keep_their_problems_and_challenges()
    {
        var none = await SendAsync(silos.KeysFileSilo, HttpMethod.Get, "/resources/me", null);
        var unknown = await SendAsync(silos.KeysFileSilo, HttpMethod.Get, "/resources/me", "not-a-known-token");

        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Equal("Bearer", none.WwwAuthenticate);
        Assert.Contains("Authorization: Bearer", (string?)none.Body!["detail"], StringComparison.Ordinal);
        AssertUnauthorized(unknown, "not recognised");
    }

    private static Dictionary<string, object> Claims(string subject, object permissions) =>
        new() { ["sub"] = subject, ["permissions"] = permissions };

    private static void AssertUnauthorized(Answer answer, string why)
    {
        Assert.True(answer.Status == HttpStatusCode.Unauthorized, $"Expected 401, got {(int)answer.Status}: {answer.Body}");
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal("urn:actors:problem:unauthorized", (string?)answer.Body!["type"]);
        Assert.Contains(why, (string?)answer.Body["detail"], StringComparison.Ordinal);
        Assert.StartsWith("Bearer error=\"invalid_token\"", answer.WwwAuthenticate, StringComparison.Ordinal);
    }

    private static async Task<Answer> SendAsync(TestSilo silo, HttpMethod method, string path, string? token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await silo.Http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        return new Answer(
            response.StatusCode,
            response.Content.Headers.ContentType?.MediaType,
            raw.Length > 0 ? JsonNode.Parse(raw) : null,
            response.Headers.WwwAuthenticate.ToString());
    }

    private sealed record Answer(HttpStatusCode Status, string? ContentType, JsonNode? Body, string WwwAuthenticate);
}
