using Actors.Grains;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Gateway.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Actors.Gateway.Endpoints;

/// <summary>
/// <c>GET /openapi/v1.json</c>: the API description, built once from the mapped endpoints and the actor types'
/// message catalogues, served to anyone (it holds no data) with an ETag.
/// </summary>
public static class OpenApiApi
{
    // Indented and without \u escapes of + and ': the document is read by people as much as by generators.
    private static readonly JsonSerializerOptions Format = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEndpointRouteBuilder MapOpenApiApi(this IEndpointRouteBuilder app)
    {
        var document = new Lazy<JsonObject>(() => OpenApiDocumentBuilder.Build(
            app.DataSources.SelectMany(s => s.Endpoints),
            ActorTypes.All.All,
            app.ServiceProvider.GetRequiredService<IOptions<GatewayOptions>>().Value));
        app.MapGet(OpenApiDocumentBuilder.DocumentPath, (HttpContext http) => GetDocument(http, document.Value));
        return app;
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
