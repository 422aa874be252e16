using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Actors.Gateway.Tests;

/// <summary>An agent: the MCP C# SDK's own client, connected to a silo's <c>/mcp</c> over streamable HTTP with a bearer token.</summary>
public sealed class McpAgent : IAsyncDisposable
{
    private readonly McpClient _client;

    private McpAgent(McpClient client) => _client = client;

    /// <summary>Connects as an MCP client would; a refused connection throws what the SDK throws.</summary>
    public static async Task<McpAgent> ConnectAsync(Uri silo, string? token)
    {
        var options = new HttpClientTransportOptions
        {
            Endpoint = new Uri(silo, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            Name = "actors-tests",
        };
        if (token is not null)
        {
            options.AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" };
        }

        return new McpAgent(await McpClient.CreateAsync(new HttpClientTransport(options)));
    }

    /// <summary>What the server says of itself when the client connects.</summary>
    public string? Instructions => _client.ServerInstructions;

    /// <summary>The tools the server offers this caller.</summary>
    public async Task<IList<McpClientTool>> ToolsAsync() => await _client.ListToolsAsync();

    /// <summary>Calls a tool; the answer's text parsed as JSON.</summary>
    public async Task<ToolAnswer> CallAsync(string tool, object arguments)
    {
        var values = JsonSerializer.SerializeToNode(arguments)!.AsObject().ToDictionary(a => a.Key, a => (object?)a.Value);
        var result = await _client.CallToolAsync(tool, values);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        return new ToolAnswer(result.IsError == true, text, JsonNode.Parse(text));
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
