using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Actors.Gateway.Http;

/// <summary>
/// A JSON answer written straight from its nodes as UTF-8, with its length: no intermediate string, no transcoding back
/// and forth (every batch answer goes through here).
/// </summary>
internal sealed class JsonNodeResult(JsonNode? node, int status) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }
}
