using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Actors.Gateway.Tests;

/// <summary>
/// Requests past the HTTP limits, written on raw sockets (HttpClient would refuse to send most of them). Between the
/// gateway's limits (Actors:Gateway:MaxUrlLength, MaxHeaderBytes, MaxHeaderCount) and Kestrel's (twice those) the
/// gateway answers with a problem body; beyond Kestrel's, and for a request line or header Kestrel cannot parse,
/// Kestrel answers itself before any application code runs: the status only, an empty body, and a closed connection.
/// </summary>
[Collection(SqliteSiloCollection.Name)]
public sealed class KestrelLimitsTests(SqliteSiloFixture silo)
{
    private static readonly GatewayOptions Limits = new();

    [Fact]
    public async Task A_url_past_the_gateway_s_limit_is_a_414_problem()
    {
        var target = "/resources/actors/order?q=" + new string('a', Limits.MaxUrlLength);

        var answer = await SendAsync($"GET {target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TestTokens.Reader}\r\nConnection: close\r\n\r\n");

        var problem = answer.Problem(414);
        Assert.Equal("urn:actors:problem:uri-too-long", (string?)problem["type"]);
        Assert.Contains($"at most {Limits.MaxUrlLength}", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_past_Kestrel_s_limit_is_Kestrel_s_own_empty_414()
    {
        var target = "/resources/actors/order?q=" + new string('a', GatewayOptions.KestrelLimit(Limits.MaxUrlLength + 32));

        var answer = await SendAsync($"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        answer.Empty(414);
    }

    [Fact]
    public async Task A_url_within_the_limit_is_served()
    {
        var target = "/resources/actors/order?limit=1&q=" + new string('a', Limits.MaxUrlLength - 100);

        var answer = await SendAsync($"GET {target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TestTokens.Reader}\r\nConnection: close\r\n\r\n");

        Assert.NotEqual(414, answer.Status);
        Assert.NotEqual(431, answer.Status);
    }

    [Fact]
    public async Task Headers_past_the_gateway_s_size_are_a_431_problem()
    {
        var padding = Header("X-Padding", Limits.MaxHeaderBytes);

        var answer = await SendAsync($"GET /health/live HTTP/1.1\r\nHost: x\r\n{padding}Connection: close\r\n\r\n");

        var problem = answer.Problem(431);
        Assert.Equal("urn:actors:problem:headers-too-large", (string?)problem["type"]);
        Assert.Contains($"{Limits.MaxHeaderBytes} bytes are accepted", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal("close", answer.Header("Connection"));
    }

    [Fact]
    public async Task Headers_past_Kestrel_s_size_are_Kestrel_s_own_empty_431()
    {
        var padding = Header("X-Padding", GatewayOptions.KestrelLimit(Limits.MaxHeaderBytes) + 10);

        var answer = await SendAsync($"GET /health/live HTTP/1.1\r\nHost: x\r\n{padding}Connection: close\r\n\r\n");

        answer.Empty(431);
    }

    [Fact]
    public async Task More_header_lines_than_the_gateway_s_are_a_431_problem()
    {
        var lines = Lines(Limits.MaxHeaderCount + 5);

        var answer = await SendAsync($"GET /health/live HTTP/1.1\r\nHost: x\r\n{lines}Connection: close\r\n\r\n");

        var problem = answer.Problem(431);
        Assert.Contains($"at most {Limits.MaxHeaderCount} lines", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_header_lines_than_Kestrel_s_are_Kestrel_s_own_empty_431()
    {
        var lines = Lines(GatewayOptions.KestrelLimit(Limits.MaxHeaderCount) + 5);

        var answer = await SendAsync($"GET /health/live HTTP/1.1\r\nHost: x\r\n{lines}Connection: close\r\n\r\n");

        answer.Empty(431);
    }

    [Theory]
    [InlineData("GARBAGE\r\n\r\n")]
    [InlineData("GET /health/live\r\nHost: x\r\n\r\n")]
    [InlineData("GET health/live HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("GET /health/live HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n")]
    [InlineData("GET /health/live HTTP/1.1\r\n\r\n")]
    [InlineData("GET /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n")]
    public async Task A_request_Kestrel_cannot_parse_is_Kestrel_s_own_empty_400(string request)
    {
        var answer = await SendAsync(request);

        answer.Empty(400);
    }

    [Fact]
    public async Task An_unknown_http_version_is_Kestrel_s_own_empty_505()
    {
        var answer = await SendAsync("GET /health/live HTTP/1.7\r\nHost: x\r\n\r\n");

        answer.Empty(505);
    }

    [Fact]
    public async Task A_body_past_the_gateway_s_limit_is_a_413_problem()
    {
        var body = "[" + new string(' ', Limits.MaxBodyBytes) + "]";

        var answer = await SendAsync(
            $"POST /resources/actors/order/kestrel-limits HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TestTokens.Admin}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}");

        answer.Problem(413);
    }

    [Fact]
    public async Task A_chunked_body_is_read_whole_and_one_past_the_limit_is_a_413_problem()
    {
        // No Content-Length: the gateway gathers the chunks itself, and counts them against the same limit.
        var batch = "[{\"type\":\"create\",\"body\":{\"orderNumber\":\"chunked\",\"currency\":\"SEK\"}}]";
        var accepted = await SendAsync(Chunked("/resources/actors/order/kestrel-chunked", batch[..20], batch[20..]));
        Assert.Equal(200, accepted.Status);
        Assert.Contains("\"version\":1", accepted.Raw, StringComparison.Ordinal);

        var half = new string(' ', Limits.MaxBodyBytes / 2 + 1);
        var refused = await SendAsync(Chunked("/resources/actors/order/kestrel-chunked-large", "[" + half, half + "]"));
        refused.Problem(413);
    }

    private static string Chunked(string target, params string[] chunks) =>
        $"POST {target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TestTokens.Admin}\r\n" +
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" +
        string.Concat(chunks.Select(c => $"{Encoding.ASCII.GetByteCount(c):x}\r\n{c}\r\n")) + "0\r\n\r\n";

    /// <summary>A header line of <paramref name="bytes"/> bytes, its line break included.</summary>
    private static string Header(string name, int bytes) => $"{name}: {new string('p', bytes - name.Length - 4)}\r\n";

    private static string Lines(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"X-Line-{i}: {i}\r\n"));

    private async Task<RawAnswer> SendAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(silo.BaseAddress.Host, silo.BaseAddress.Port);
        var stream = client.GetStream();
        var bytes = Encoding.ASCII.GetBytes(request);

        // Kestrel may stop reading (and answer) before the whole request is written: a write that fails then is fine.
        var writing = Task.Run(async () =>
        {
            try
            {
                await stream.WriteAsync(bytes);
            }
            catch (IOException)
            {
            }
        });

        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer arrived: the server closed with part of the request unread.
        }

        await writing;
        return RawAnswer.Parse(Encoding.UTF8.GetString(received.ToArray()));
    }

    private sealed record RawAnswer(int Status, IReadOnlyList<(string Name, string Value)> Headers, string Body, string Raw)
    {
        public static RawAnswer Parse(string raw)
        {
            var end = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            Assert.True(end > 0, $"No HTTP answer: '{raw}'");
            var lines = raw[..end].Split("\r\n");
            var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            var headers = lines.Skip(1).Select(line => (line[..line.IndexOf(':', StringComparison.Ordinal)], line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToList();
            return new RawAnswer(status, headers, raw[(end + 4)..], raw);
        }

        public string? Header(string name) =>
            Headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

        public JsonObject Problem(int status)
        {
            Assert.True(status == Status, Raw);
            Assert.Equal("application/problem+json", Header("Content-Type"));
            var body = Header("Transfer-Encoding") == "chunked" ? Unchunk(Body) : Body;
            var problem = JsonNode.Parse(body)!.AsObject();
            Assert.Equal(status, (int)problem["status"]!);
            Assert.False(string.IsNullOrEmpty((string?)problem["detail"]));
            return problem;
        }

        /// <summary>Kestrel's own refusal: the status, no body, and the connection closed.</summary>
        public void Empty(int status)
        {
            Assert.True(status == Status, Raw);
            Assert.Equal("0", Header("Content-Length"));
            Assert.Equal("close", Header("Connection"));
            Assert.Equal(string.Empty, Body);
        }

        private static string Unchunk(string body)
        {
            var text = new StringBuilder();
            var at = 0;
            while (true)
            {
                var line = body.IndexOf("\r\n", at, StringComparison.Ordinal);
                var size = Convert.ToInt32(body[at..line], 16);
                if (size == 0)
                {
                    return text.ToString();
                }

                text.Append(body, line + 2, size);
                at = line + 2 + size + 2;
            }
        }
    }
}
