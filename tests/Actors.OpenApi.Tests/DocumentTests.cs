using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Actors.Grains;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.OpenApi.Tests;

/// <summary>The served document against the server's own metadata: every route, every message, every error shape.</summary>
[Collection(SiloCollection.Name)]
public sealed class DocumentTests(SiloFixture silo)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    [Fact]
    public async Task Document_is_served_anonymously_with_an_etag()
    {
        using var response = await silo.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("3.1.1", (string?)document["openapi"]);
        Assert.Equal(silo.Http.BaseAddress!.ToString().TrimEnd('/'), (string?)document["servers"]![0]!["url"]);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(response.Headers.ETag!.ToString()));
        using var notModified = await silo.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task The_api_reference_page_is_served_anonymously_and_reads_the_document()
    {
        using var page = await silo.Http.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);

        // Its script is served by the silo itself: the page needs nothing from the internet.
        Assert.Contains("<script src=\"scalar.js\">", html, StringComparison.Ordinal);
        using var script = await silo.Http.GetAsync("/scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Document_lists_every_mapped_route_and_nothing_else()
    {
        var document = await GetDocumentAsync();
        var types = Types().Select(t => t.Name).ToList();
        var mapped = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in silo.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            {
                // The Orleans Dashboard (the operators' tool) and /mcp (tools that describe themselves): not the API the document describes.
                continue;
            }

            var route = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                foreach (var path in route.Contains("{type}", StringComparison.Ordinal) ? types.Select(t => route.Replace("{type}", t, StringComparison.Ordinal)) : [route])
                {
                    mapped.Add($"{method} {path}");
                }
            }
        }

        var documented = new SortedSet<string>(Operations(document).Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}"), StringComparer.Ordinal);
        Assert.Contains("POST /resources/actors/order/{id}", mapped);
        Assert.Contains("GET /resources/me", mapped);
        Assert.Equal(mapped, documented);
        Assert.All(Operations(document), o => Assert.Null(o.Operation["x-undescribed"]));
    }

    [Fact]
    public async Task Document_describes_every_message_of_every_actor_type_with_its_body()
    {
        var document = await GetDocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();
        foreach (var type in Types())
        {
            var prefix = type.EventPrefix;
            var union = schemas[$"{prefix}Message"]!;
            var mapping = union["discriminator"]!["mapping"]!.AsObject();
            Assert.Equal("type", (string?)union["discriminator"]!["propertyName"]);
            Assert.Equal(type.Messages.Keys.Order(StringComparer.Ordinal), mapping.Select(m => m.Key).Order(StringComparer.Ordinal));
            Assert.Equal(type.Messages.Count, union["oneOf"]!.AsArray().Count);
            foreach (var (name, message) in type.Messages)
            {
                var variant = Resolve(document, (string)mapping[name]!);
                Assert.Equal(name, (string?)variant["properties"]!["type"]!["const"]);
                var body = Resolve(document, (string)variant["properties"]!["body"]!["$ref"]!);
                Assert.Equal("object", (string?)body["type"]);
                var described = body["properties"]?.AsObject().Select(p => p.Key) ?? [];
                Assert.Equal(message.BodyType.Properties.Select(p => p.Name).Order(StringComparer.Ordinal), described.Order(StringComparer.Ordinal));
            }

            var batch = Resolve(document, $"#/paths/~1resources~1actors~1{type.Name}~1{{id}}/post/requestBody/content/application~1json/schema/$ref");
            Assert.Equal($"#/components/schemas/{prefix}Batch", (string?)batch.GetValue<string>());
            Assert.Equal($"#/components/schemas/{prefix}Message", (string?)schemas[$"{prefix}Batch"]!["items"]!["$ref"]);
            var state = schemas[$"{prefix}State"]!["properties"]!.AsObject();
            Assert.Equal(type.StateFields.Append(ActorTypeDescriptor.VersionField).Order(StringComparer.Ordinal), state.Select(p => p.Key).Order(StringComparer.Ordinal));
            Assert.Equal("integer", (string?)state[ActorTypeDescriptor.VersionField]!["type"]);
        }
    }

    [Fact]
    public async Task Command_bodies_require_only_what_the_server_requires()
    {
        var document = await GetDocumentAsync();
        var createOrder = document["components"]!["schemas"]!["CreateOrder"]!;
        Assert.Equal("""["currency"]""", createOrder["required"]!.ToJsonString());
        Assert.Equal(false, (bool?)createOrder["additionalProperties"]);
        Assert.Equal("string", (string?)createOrder["properties"]!["currency"]!["type"]);
        Assert.Equal(new JsonArray("string", "null").ToJsonString(), createOrder["properties"]!["orderNumber"]!["type"]!.ToJsonString());
    }

    [Fact]
    public async Task Every_error_response_is_problem_json()
    {
        var document = await GetDocumentAsync();
        var errors = 0;
        foreach (var (path, method, operation) in Operations(document))
        {
            foreach (var (status, reference) in operation["responses"]!.AsObject())
            {
                if (status[0] is not ('4' or '5') || (path == "/health/ready" && status == "503"))
                {
                    // /health/ready answers its health status, not a problem, when storage is down.
                    continue;
                }

                var response = reference!["$ref"] is { } target ? Resolve(document, (string)target!) : reference;
                var schema = response["content"]?["application/problem+json"]?["schema"]?["$ref"];
                Assert.True((string?)schema == "#/components/schemas/Problem", $"{method} {path} {status} is not problem+json");
                errors++;
            }
        }

        Assert.True(errors > 100, $"only {errors} error responses");
        var problem = document["components"]!["schemas"]!["Problem"]!["properties"]!.AsObject();
        Assert.All(new[] { "type", "title", "status", "detail", "messageIndex", "messageType", "permission" }, p => Assert.True(problem.ContainsKey(p), p));
    }

    [Fact]
    public async Task Every_resource_operation_needs_a_bearer_token_and_the_rest_none()
    {
        var document = await GetDocumentAsync();
        Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["bearer"]!["scheme"]);
        foreach (var (path, method, operation) in Operations(document))
        {
            var anonymous = operation["security"] is JsonArray { Count: 0 };
            Assert.True(anonymous != path.StartsWith("/resources/", StringComparison.Ordinal), $"{method} {path}");
        }

        using var request = await silo.Http.GetAsync("/resources/me");
        Assert.Equal(HttpStatusCode.Unauthorized, request.StatusCode);
    }

    internal static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        from item in path.Value!.AsObject()
        where Methods.Contains(item.Key)
        select (path.Key, item.Key, item.Value!.AsObject());

    [Fact]
    public async Task Document_describes_erase_its_reason_and_answer_and_the_personal_fields_it_nulls()
    {
        var document = await GetDocumentAsync();
        var schemas = document["components"]!["schemas"]!.AsObject();

        var erase = document["paths"]!["/resources/actors/payment/{id}/erase"]!["post"]!;
        Assert.Contains("actors/payment:erase", (string?)erase["description"], StringComparison.Ordinal);
        Assert.Contains("cardNumber", (string?)erase["description"], StringComparison.Ordinal);
        Assert.Equal(["reason"], erase["requestBody"]!["content"]!["application/json"]!["schema"]!["required"]!.AsArray().Select(r => (string?)r));
        Assert.Equal("#/components/schemas/EraseResult", (string?)erase["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.NotNull(erase["responses"]!["403"]);
        Assert.NotNull(schemas["EraseResult"]!["properties"]!["erasedFields"]);
        Assert.Contains("null once erased", (string?)schemas["PaymentState"]!["properties"]!["cardNumber"]!["description"], StringComparison.Ordinal);
        Assert.Contains("null once erased", (string?)schemas["OrderState"]!["properties"]!["customerEmail"]!["description"], StringComparison.Ordinal);
    }

    private async Task<JsonNode> GetDocumentAsync() => JsonNode.Parse(await silo.Http.GetStringAsync("/openapi/v1.json"))!;

    private static IEnumerable<ActorTypeDescriptor> Types() => ActorTypes.All.All;

    /// <summary>Follows a local JSON pointer (<c>#/a/b</c>).</summary>
    private static JsonNode Resolve(JsonNode document, string pointer)
    {
        var node = document;
        foreach (var segment in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]
                ?? throw new KeyNotFoundException($"{pointer} does not resolve at '{segment}'.");
        }

        return node;
    }
}
