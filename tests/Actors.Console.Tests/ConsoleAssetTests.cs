using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Actors.Console.Tests;

/// <summary>How the silo serves the console's files and <c>/resources/me</c>, over plain HTTP.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ConsoleAssetTests(ConsoleSiloFixture silo)
{
    [Fact]
    public async Task Console_page_is_html_revalidated_by_etag_and_locked_down()
    {
        using var response = await silo.Http.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.True(response.Headers.CacheControl?.NoCache, "the page must be revalidated, so a new silo version is seen at once");
        Assert.NotNull(response.Headers.ETag);
        var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        using var again = new HttpRequestMessage(HttpMethod.Get, "/console");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await silo.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("console.js", "text/javascript")]
    [InlineData("console.css", "text/css")]
    [InlineData("favicon.svg", "image/svg+xml")]
    public async Task Files_the_page_links_are_versioned_and_cached_for_good(string name, string mediaType)
    {
        var page = await silo.Http.GetStringAsync("/console");
        var link = Regex.Match(page, $"\"(/console/{Regex.Escape(name)}\\?v=[0-9a-f]+)\"");
        Assert.True(link.Success, $"the page links {name} with its content hash: {page}");

        using var response = await silo.Http.GetAsync(link.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Public, $"{name}: {response.Headers.CacheControl}");
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        // Without the current hash (a module import, an old page) the file is revalidated instead.
        using var unversioned = await silo.Http.GetAsync($"/console/{name}");
        Assert.True(unversioned.Headers.CacheControl?.NoCache);
        Assert.NotNull(unversioned.Headers.ETag);
    }

    [Fact]
    public async Task Module_scripts_are_served_as_javascript()
    {
        foreach (var name in new[] { "api.js", "diff.js", "render.js" })
        {
            using var response = await silo.Http.GetAsync($"/console/{name}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Unknown_console_file_is_a_problem_404()
    {
        using var response = await silo.Http.GetAsync("/console/nothing-here.js");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("nothing-here.js", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_answers_the_principal_and_permissions_per_actor_type()
    {
        var me = await MeAsync(ConsoleTokens.Support);
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal("sam.support", (string?)me.Body!["principal"]);
        var permissions = me.Body["permissions"]!.AsObject();
        Assert.Equal(["asset", "order", "payment", "sku", "ticket"], permissions.Select(p => p.Key));
        Assert.Equal(["read", "rewind:preview"], permissions["order"]!.AsArray().Select(p => (string?)p));

        var admin = await MeAsync(ConsoleTokens.Admin);
        Assert.Equal(["read", "write", "rewind", "rewind:preview", "pii", "erase", "admin"], admin.Body!["permissions"]!["payment"]!.AsArray().Select(p => (string?)p));
    }

    [Fact]
    public async Task Me_without_a_known_token_is_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(null)).Status);
        var unknown = await MeAsync("not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal("The bearer token is not recognised.", (string?)unknown.Body!["detail"]);
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> MeAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/resources/me");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await silo.Http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, raw.Length == 0 ? null : JsonNode.Parse(raw));
    }
}
