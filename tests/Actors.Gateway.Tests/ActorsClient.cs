using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Actors.Gateway.Tests;

/// <summary>Sends raw HTTP requests to a test silo, as any HTTP client would.</summary>
public sealed class ActorsClient(HttpClient http)
{
    public Task<ApiResponse> PostAsync(string path, string body, string? token = TestTokens.Admin, string contentType = "application/json", IDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return SendAsync(request, token, headers);
    }

    public Task<ApiResponse> GetAsync(string path, string? token = TestTokens.Admin) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), token, null);

    /// <summary>Posts a batch to <c>/resources/actors/{type}/{id}</c> and parses the answer.</summary>
    public Task<ApiResponse> BatchAsync(string type, string id, string batch, string? token = TestTokens.Admin, string query = "", IDictionary<string, string>? headers = null) =>
        PostAsync($"/resources/actors/{type}/{id}{query}", batch, token, headers: headers);

    public async Task<ApiResponse> SendAsync(HttpRequestMessage request, string? token, IDictionary<string, string>? headers)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (raw.Length > 0 && response.Content.Headers.ContentType?.MediaType is { } media && media.Contains("json", StringComparison.Ordinal))
        {
            body = JsonNode.Parse(raw);
        }

        var all = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new ApiResponse(
            response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.ETag?.Tag, body, raw, response.Headers.RetryAfter?.ToString(), all);
    }

    /// <summary>A <c>query</c> of every scalar field, as an admin.</summary>
    public async Task<JsonObject> QueryAsync(string type, string id)
    {
        var response = await BatchAsync(type, id, """[{"type":"query"}]""");
        return response.Ok()!.AsObject();
    }

    /// <summary>Every checkpoint of the actor, earliest first.</summary>
    public async Task<JsonArray> CheckpointsAsync(string type, string id, string? token = TestTokens.Admin)
    {
        var response = await BatchAsync(type, id, """[{"type":"getCheckpoints","body":{}}]""", token);
        return response.Ok()!.AsArray();
    }
}
