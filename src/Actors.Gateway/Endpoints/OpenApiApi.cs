using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Gateway.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Actors.Gateway.Endpoints;

/// <summary>
/// <c>GET /openapi/v1.json</c>: the API description Microsoft.AspNetCore.OpenApi generates from the mapped endpoints
/// and their metadata, completed by <see cref="OperationDescriber"/> and <see cref="ActorTypeDocument"/>; generated once,
/// served to anyone (it holds no data) with an ETag. <c>/scalar/v1</c>: an interactive reference page for it (Scalar).
/// </summary>
public static class OpenApiApi
{
    /// <summary>The document's name in Microsoft.AspNetCore.OpenApi.</summary>
    public const string DocumentName = "v1";

    /// <summary>Where the document is served.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Where the API reference page is served: <c>/scalar/v1</c>.</summary>
    public const string ReferencePath = "/scalar";

    // Indented and without \u escapes of + and ': the document is read by people as much as by generators.
    private static readonly JsonSerializerOptions Format = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Registers the document's generator, its transformers and the schema names it shares with the server.</summary>
    public static IServiceCollection AddActorsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;

            // ProducesProblem's ProblemDetails is the server's one problem shape, described in full by SharedSchemas.
            options.CreateSchemaReferenceId = type => type.Type == typeof(ProblemDetails) ? SharedSchemas.Problem : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddOperationTransformer<OperationDescriber>();
            options.AddDocumentTransformer<ActorTypeDocument>();
        });

    public static IEndpointRouteBuilder MapOpenApiApi(this IEndpointRouteBuilder app)
    {
        var provider = app.ServiceProvider.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName);
        var document = new Lazy<Task<JsonObject>>(async () => NullLast(OpenApiJson.Write(await provider.GetOpenApiDocumentAsync())).AsObject());
        // The return type said so that the handler's answer is executed: a lambda of HttpContext to a bare Task would be a RequestDelegate.
        app.MapGet(DocumentPath, async Task<IResult> (HttpContext http) => GetDocument(http, await document.Value))
            .Describe("api", "getOpenApiDocument", "This API description",
                "This OpenAPI document, generated from the server's own routes, their metadata and the actor types' message catalogues.")
            .Answers(StatusCodes.Status200OK, "The document.", new JsonObject { ["type"] = "object" });

        // The reference page reads the document above in the browser; it is a page, not part of the API.
        app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("Actors API reference")
                .WithOpenApiRoutePattern(DocumentPath))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// OpenAPI.NET writes a nullable type as <c>["null", "string"]</c> (its flags' order); the type first, as the server's
    /// own schemas and most generators' readers have it, is easier to read.
    /// </summary>
    private static JsonNode NullLast(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonArray { Count: > 1 } types && types.Any(t => (string?)t == "null"))
                {
                    obj["type"] = new JsonArray([.. types.Select(t => (string)t!).Where(t => t != "null").Append("null").Select(t => (JsonNode)t)]);
                }

                foreach (var (_, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        NullLast(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        NullLast(child);
                    }
                }

                break;
        }

        return node;
    }

    /// <summary>The document, with this request's origin as its server.</summary>
    public static IResult GetDocument(HttpContext http, JsonObject document)
    {
        var answer = document.DeepClone().AsObject();
        var request = http.Request;
        answer["servers"] = new JsonArray(new JsonObject { ["url"] = $"{request.Scheme}://{request.Host}{request.PathBase}" });
        var text = answer.ToJsonString(Format);
        var etag = $"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        return request.Headers.IfNoneMatch.ToString() == etag
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Text(text, "application/json", Encoding.UTF8);
    }
}
