using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Actors.Gateway.OpenApi;

/// <summary>Between OpenAPI.NET's objects and their JSON, for the parts of the document written as JSON Schema fragments.</summary>
internal static class OpenApiJson
{
    /// <summary>Reads an OpenAPI 3.1 element; its <c>$ref</c>s refer to <paramref name="document"/>'s components.</summary>
    public static T Parse<T>(JsonNode json, OpenApiDocument document)
        where T : IOpenApiElement
    {
        var element = OpenApiModelFactory.Parse<T>(json.ToJsonString(), OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic, "json");
        if (element is null || diagnostic?.Errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"Not a valid OpenAPI {typeof(T).Name}: {string.Join("; ", diagnostic?.Errors.Select(e => e.ToString()) ?? [])}\n{json.ToJsonString()}");
        }

        return element;
    }

    /// <summary>Writes an element as OpenAPI 3.1 JSON.</summary>
    public static JsonNode Write(IOpenApiSerializable element)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        element.SerializeAsV31(new OpenApiJsonWriter(text));
        return JsonNode.Parse(text.ToString())!;
    }
}
