using System.Text;

namespace Actors.Torture;

/// <summary>One hostile request: what it is, and how to send it.</summary>
public sealed record HostileRequest(string Kind, string Method, string Path, byte[]? Body, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers, bool WithToken = true);

/// <summary>
/// Makes malformed and hostile requests, deterministic for a seed. None of them is valid: each must be refused with a 4xx
/// problem that names what is wrong, and none may change the journal. Batches that would otherwise be acceptable end with a
/// poison message, so they also test that a batch is refused whole.
/// </summary>
public sealed class HostileRequests(string existingOrder, int seed, int maxBodyBytes)
{
    private const string Poison = """{"type":"noSuchMessage"}""";
    private readonly Random _random = new(seed);

    private static readonly string[] Types = ["order", "payment", "ticket", "asset", "sku"];

    public HostileRequest Next(int i) => (i % 24) switch
    {
        0 => Batch("truncated json", Truncate("""[{"type":"addTag","body":{"key":"x"}},{"type":"query"}]""")),
        1 => Batch("random bytes", RandomBytes(_random.Next(1, 2000))),
        2 => Batch("deep arrays", Encoding.UTF8.GetBytes(new string('[', _random.Next(33, 20_000)) + new string(']', 3))),
        3 => Batch("deep body", Encoding.UTF8.GetBytes("""[{"type":"addTag","body":""" + Nest(_random.Next(33, 5_000)) + "}]")),
        4 => Batch("wrong types", Pick(
            """[{"type":5}]""", """[{"type":"addTag","body":"x"}]""", """[{"type":"addTag","body":[1]}]""", """{"type":"query"}""", "[1,2,3]", "null", "\"[]\"", "[]",
            """[{"type":"addOrderLine","body":{"sku":"S","quantity":"many","unitPrice":1}}]""", """[{"type":"addOrderLine","body":{"sku":"S","quantity":1.5,"unitPrice":true}}]""",
            """[{"type":"setOrderState","body":{"orderState":7}}]""", """[{"type":"addTag","body":{"key":["a"]}}]""", """[{"type":"getCheckpoints","body":{"limit":"ten"}}]""")),
        5 => Batch("huge string", Encoding.UTF8.GetBytes($$$"""[{"type":"addTag","body":{"key":"{{{new string('x', _random.Next(1000, maxBodyBytes - 200))}}}"}},{{{Poison}}}]""")),
        6 => Batch("huge array", Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("""{"type":"query"}""", _random.Next(101, 20_000))) + "]")),
        7 => Batch("unknown message", Encoding.UTF8.GetBytes($$"""[{"type":"{{Word()}}"}]""")),
        8 => Batch("unknown field", Encoding.UTF8.GetBytes(Pick(
            $$$"""[{"type":"addTag","body":{"key":"x","{{{Word()}}}":1}}]""", $$$"""[{"type":"addTag","{{{Word()}}}":{}}]""", $$$$"""[{"type":"query","body":{"query":{"fields":["{{{{Word()}}}}"]}}}]""",
            $$$$"""[{"type":"query","body":{"query":{"navigate":[{"edge":"{{{{Word()}}}}"}]}}}]"""))),
        9 => new("unknown actor type", "POST", $"/resources/actors/{Word()}/x1", Encoding.UTF8.GetBytes("""[{"type":"query"}]"""), "application/json", []),
        10 => new("invalid id", "POST", $"/resources/actors/{Pick(Types)}/{BadId()}", Encoding.UTF8.GetBytes("""[{"type":"query"}]"""), "application/json", []),
        11 => Batch("invalid ids in body", Encoding.UTF8.GetBytes(Pick(
            """[{"type":"addOrderLine","body":{"orderLineId":"a b","sku":"S","quantity":1,"unitPrice":1}}]""",
            $$$"""[{"type":"addDelivery","body":{"deliveryId":"{{{new string('d', 129)}}}"}}]""",
            """[{"type":"setDeliveryState","body":{"deliveryId":"../x","deliveryState":"shipped"}}]"""))),
        12 => Batch("bad checkpoints and times", Encoding.UTF8.GetBytes(Pick(
            """[{"type":"rewind","body":{"checkpointId":"not-a-uuid"}}]""", $$$"""[{"type":"rewind","body":{"checkpointId":"{{{Guid.NewGuid()}}}"}}]""",
            """[{"type":"rewind","body":{"version":-1}}]""", """[{"type":"rewind","body":{"version":1e30}}]""", """[{"type":"rewind","body":{"at":"yesterday"}}]""",
            """[{"type":"rewind","body":{"at":"1900-01-01T00:00:00Z"}}]""", """[{"type":"rewind","body":{}}]""", """[{"type":"rewind","body":{"version":1,"at":"2020-01-01T00:00:00Z"}}]""",
            """[{"type":"getState","body":{"asOf":"13/13/2020"}}]""", """[{"type":"getState","body":{"checkpointId":"zzz"}}]""", """[{"type":"diff","body":{"from":"x","to":"y"}}]""",
            $$$"""[{"type":"getCheckpoints","body":{"after":"{{{Guid.NewGuid()}}}"}}]""", """[{"type":"getCheckpoints","body":{"limit":0}}]""", """[{"type":"getHistory","body":{"limit":-5}}]"""))),
        13 => new("wrong content type", "POST", $"/resources/actors/order/{existingOrder}", Encoding.UTF8.GetBytes("""[{"type":"addTag","body":{"key":"x"}}]"""), Pick("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "", "application/jsonx"), []),
        14 => Batch("oversized body", Encoding.UTF8.GetBytes("[" + new string(' ', maxBodyBytes + _random.Next(1, 100_000)) + "]")),
        15 => new("bad headers", "POST", $"/resources/actors/order/{existingOrder}", Encoding.UTF8.GetBytes("""[{"type":"addTag","body":{"key":"x"}}]"""), "application/json", [Pick(
            new KeyValuePair<string, string>("If-Match", "\"banana\""), new("If-Match", "\"-3\""), new("If-Match", new string('9', 40)),
            new("Idempotency-Key", new string('k', 201)), new("If-Match", "\"99999\""))]),
        16 => new("bad query on batch", "POST", $"/resources/actors/order/{existingOrder}?{Pick("preview=maybe", "results=some", "preview=2", $"results={new string('r', 300)}")}", Encoding.UTF8.GetBytes("""[{"type":"addTag","body":{"key":"x"}}]"""), "application/json", []),
        17 => Get("bad history query", $"/resources/actors/order/{existingOrder}/{Pick("history?limit=abc", "history?limit=0", "history?offset=-1", "history?at=notatime", "history?limit=1001", "diff", "diff?from=1", "diff?from=abc&to=def", $"diff?from={Guid.NewGuid()}&to=1", "replay?fromVersion=abc", "replay?fromVersion=0", "replay?follow=maybe")}"),
        18 => new("bad restore", "POST", $"/resources/actors/order/{existingOrder}/restore", Encoding.UTF8.GetBytes(Pick("""{"version":"x","reason":"r"}""", """{"reason":"r"}""", "[]", "{", """{"at":"nope","reason":"r"}""", $$"""{"checkpointId":"{{Guid.NewGuid()}}","reason":"r"}""", """{"version":1,"reason":"r","extra":1}""")), "application/json", []),
        19 => Get("bad events query", "/resources/events?" + Pick("limit=0", "limit=abc", "limit=100000", "after=notatime", "before=13-13", "type=Nope.*", "type=Order.Nope", "actorType=nope", "cursor=!!!", $"cursor={new string('c', 2000)}", $"principal={new string('p', 300)}")),
        20 => Get("bad version/audit query", Pick("/resources/version?at=notatime", "/resources/audit?limit=0", "/resources/audit?after=x", "/resources/audit?cursor=%%%", "/resources/audit?actorType=nope", $"/resources/audit?operation={new string('o', 300)}")),
        21 => Get("bad listing query", $"/resources/actors/{Pick(Types)}?" + Pick("asOf=notatime", "atVersion=-1", "atVersion=abc", "where.nofield=1", "limit=0", "limit=5000", "cursor=???", "asOf=2020-01-01T00:00:00Z&atVersion=1")),
        22 => new("bad snapshots", Pick("POST", "GET"), Pick($"/resources/actors/{Pick(Types)}/snapshots", $"/resources/snapshots/{Word()}", $"/resources/snapshots/{Guid.NewGuid()}/data", "/resources/actors/nope/snapshots"), Encoding.UTF8.GetBytes(Pick("{}", """{"at":"nope"}""", """{"at":"2020-01-01T00:00:00Z","extra":1}""", """{"reason":5}""", "[1]")), "application/json", []),
        _ => new("bad auth", "POST", $"/resources/actors/order/{existingOrder}", Encoding.UTF8.GetBytes("""[{"type":"addTag","body":{"key":"x"}}]"""), "application/json", [new("Authorization", Pick("Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer ", "bearer x", $"Bearer {new string('t', 5000)}", "Bearer admin"))], WithToken: false),
    };

    private HostileRequest Batch(string kind, byte[] body) =>
        new(kind, "POST", $"/resources/actors/order/{existingOrder}{Pick("", "", "?preview", "?results=all")}", body, "application/json", []);

    private HostileRequest Batch(string kind, string body) => Batch(kind, Encoding.UTF8.GetBytes(body));

    private static HostileRequest Get(string kind, string path) => new(kind, "GET", path, null, null, []);

    private byte[] Truncate(string json) => Encoding.UTF8.GetBytes(json[.._random.Next(1, json.Length - 1)]);

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        bytes[0] = (byte)'[';
        return bytes;
    }

    private static string Nest(int depth) => string.Concat(Enumerable.Repeat("""{"a":""", depth)) + "1" + new string('}', depth);

    private string Word() => $"zz{_random.Next():x}{Pick("", "Ä", "%20", "-", "_x")}";

    private string BadId() => Pick(new string('a', 129), "a%20b", "%C3%A4", "a%2Fb", "..", "a*b", new string('9', 5000), "a;b");

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
}
