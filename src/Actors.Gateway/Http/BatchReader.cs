using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Actors.Gateway.Http;

/// <summary>Reads a batch from a request body, refusing with a message that names what is wrong.</summary>
public static class BatchReader
{
    private const string Example = "[{\"type\":\"query\",\"body\":{}}]";

    /// <summary>The 415 problem for a request whose body is not declared JSON (<c>application/json</c> or <c>+json</c>); null when it is.</summary>
    public static IResult? NotJson(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentType = request.ContentType;
        var json = MediaTypeHeaderValue.TryParse(contentType, out var media)
            && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || (media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ?? false));
        return json ? null : Problems.Create(StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be application/json, not '{contentType}'.");
    }

    /// <summary>The raw body, bounded by <see cref="GatewayOptions.MaxBodyBytes"/>.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpRequest request, GatewayOptions options, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length)
        {
            // The common case: read straight into an array of the announced size (Kestrel ends the body there).
            if (length > options.MaxBodyBytes)
            {
                throw TooLarge(options);
            }

            var exact = new byte[length];
            var filled = 0;
            int count;
            while (filled < exact.Length && (count = await request.Body.ReadAsync(exact.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += count;
            }

            return filled == exact.Length ? exact : exact[..filled];
        }

        // A chunked body: gather it through a pooled buffer, so that a request costs no 16 KB array of its own.
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > options.MaxBodyBytes)
                {
                    throw TooLarge(options);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A body that must be one JSON object (an endpoint's own, not a batch): 400 naming <paramref name="shape"/> (such as
    /// <c>: { "reason" }</c>, or empty) when it is something else, and the parser's message when it is not JSON.
    /// </summary>
    public static JsonObject ParseObject(byte[] body, GatewayOptions options, string shape = "")
    {
        try
        {
            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = options.MaxJsonDepth }) as JsonObject
                ?? throw ActorException.Invalid($"The body must be a JSON object{shape}.");
        }
        catch (JsonException e)
        {
            throw ActorException.Invalid($"The request body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>Reads and parses a body that must be one JSON object (see <see cref="ParseObject"/>).</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpRequest request, GatewayOptions options, string shape, CancellationToken cancellationToken) =>
        ParseObject(await ReadBodyAsync(request, options, cancellationToken), options, shape);

    /// <summary>Parses <c>[{ "type": "...", "body": { ... } }, ...]</c>.</summary>
    public static IReadOnlyList<ActorMessage> Parse(byte[] body, GatewayOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = options.MaxJsonDepth });
        }
        catch (JsonException e)
        {
            throw ActorException.Invalid($"The request body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw ActorException.Invalid($"The request body must be a JSON array of messages, e.g. {Example}; got {Describe(root.ValueKind)}.");
            }

            var count = root.GetArrayLength();
            if (count == 0)
            {
                throw ActorException.Invalid($"The batch is empty; send at least one message, e.g. {Example}.");
            }

            if (count > options.MaxBatchLength)
            {
                throw new ActorException(ActorErrorKind.TooLarge, $"The batch has {count} messages; at most {options.MaxBatchLength} are accepted.");
            }

            var messages = new List<ActorMessage>(count);
            var index = 0;
            foreach (var item in root.EnumerateArray())
            {
                messages.Add(ParseMessage(item, index++));
            }

            return messages;
        }
    }

    private static ActorMessage ParseMessage(JsonElement item, int index)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Failed(index, string.Empty, $"Message {index} must be an object like {{\"type\":\"query\",\"body\":{{}}}}; got {Describe(item.ValueKind)}.");
        }

        string? type = null;
        JsonElement? body = null;
        foreach (var property in item.EnumerateObject())
        {
            switch (property.Name)
            {
                case "type" when property.Value.ValueKind == JsonValueKind.String:
                    type = property.Value.GetString();
                    break;
                case "type":
                    throw Failed(index, string.Empty, $"Field 'type' of message {index} must be a string; got {Describe(property.Value.ValueKind)}.");
                case "body" when property.Value.ValueKind is JsonValueKind.Object:
                    body = property.Value.Clone();
                    break;
                case "body" when property.Value.ValueKind is JsonValueKind.Null:
                    break;
                case "body":
                    throw Failed(index, type ?? string.Empty, $"Field 'body' of message {index} must be an object; got {Describe(property.Value.ValueKind)}.");
                default:
                    throw Failed(index, type ?? string.Empty, $"Unknown field '{property.Name}' in message {index}; a message has only 'type' and 'body'.");
            }
        }

        if (string.IsNullOrEmpty(type))
        {
            throw Failed(index, string.Empty, $"Message {index} has no 'type'.");
        }

        return body is { } b ? new ActorMessage(type, b) : ActorMessage.Of(type);
    }

    private static MessageFailedException Failed(int index, string type, string detail) =>
        new(index, type, ActorException.Invalid(detail));

    private static ActorException TooLarge(GatewayOptions options) =>
        new(ActorErrorKind.TooLarge, $"The request body is larger than {options.MaxBodyBytes} bytes.");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
