using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Actors.Torture.Scenarios;

/// <summary>
/// The whole permission matrix: no token, an unknown token, a token with no grant, and each permission alone (for one type
/// and for every type) against every message of every type, with and without ?preview, and every history endpoint. A
/// principal without write, rewind or erase never changes the journal; card numbers never leave unmasked without :pii (answers,
/// the SSE replay and snapshot exports included); no token ever appears in the silo's output.
/// </summary>
public static partial class PermissionScenario
{
    private const string Card = "4111111111111234";

    public static async Task<Report> RunAsync(string store, Size size, TextWriter log, CancellationToken cancellationToken)
    {
        var report = new Report($"permissions/{store}");
        var tokens = new Tokens();
        var unknown = $"unknown-{Guid.NewGuid():N}";
        await using var journal = await JournalStore.CreateAsync(store, cancellationToken);
        await using var silo = await SiloProcess.StartAsync(Silos.Environment(tokens, journal), cancellationToken);
        using var client = new SiloClient(silo.BaseAddress);
        var admin = tokens.Admin.Token;
        var ids = new Dictionary<string, string>();
        foreach (var type in MessageCatalog.ActorTypes)
        {
            ids[type] = $"perm-{Guid.NewGuid():N}";
            await client.MustAsync(type, ids[type], $$"""[{"type":"create","body":{{MessageCatalog.Create(type)}}}]""", admin, cancellationToken: cancellationToken);
            await client.MustAsync(type, ids[type], """[{"type":"addTag","body":{"key":"second"}}]""", admin, cancellationToken: cancellationToken);
            await CheckCatalogAsync(client, admin, type, ids[type], report, cancellationToken);
        }

        // Positive control: the administrator (who has :pii) does see the card number.
        var unmasked = await client.BatchAsync("payment", ids["payment"], """[{"type":"query"}]""", admin, cancellationToken: cancellationToken);
        report.Require(Unmasked(unmasked.Body), "the administrator does not see the card number; the masking check would prove nothing");

        var callers = new List<(string Name, string? Token, IReadOnlyList<string> Grants)>
        {
            ("no token", null, []),
            ("unknown token", unknown, []),
            (tokens.NoGrant.Principal, tokens.NoGrant.Token, tokens.NoGrant.Permissions),
        };
        callers.AddRange(tokens.Singles.Select(t => (t.Principal, (string?)t.Token, t.Permissions)));

        // Phase 1: every preview, and every request of a caller that may neither write, rewind nor erase: the journal stays as it is.
        var before = await client.GlobalVersionAsync(admin, cancellationToken);
        var mayChange = callers.Where(c => c.Grants.Any(g => g.EndsWith(":write", StringComparison.Ordinal) || g.EndsWith(":rewind", StringComparison.Ordinal) || g.EndsWith(":erase", StringComparison.Ordinal))).ToList();
        foreach (var caller in callers)
        {
            await MatrixAsync(client, caller, ids, preview: true, report, cancellationToken);
            if (!mayChange.Contains(caller))
            {
                await MatrixAsync(client, caller, ids, preview: false, report, cancellationToken);
                await EndpointsAsync(client, caller, ids, report, cancellationToken);
            }
        }

        var after = await client.GlobalVersionAsync(admin, cancellationToken);
        report.Require(before == after, $"callers without write, rewind or erase (or in preview) changed the journal: global version {before} -> {after}");

        // Phase 2: those who may change something, persisted.
        foreach (var caller in mayChange)
        {
            await MatrixAsync(client, caller, ids, preview: false, report, cancellationToken);
            await EndpointsAsync(client, caller, ids, report, cancellationToken);
        }

        // The matrix erased the payment's card (erase is one of its messages): the exports are checked on a new payment.
        var exported = $"perm-{Guid.NewGuid():N}";
        await client.MustAsync("payment", exported, $$"""[{"type":"create","body":{{MessageCatalog.Create("payment")}}}]""", admin, cancellationToken: cancellationToken);
        await ExportsAsync(client, tokens, exported, report, cancellationToken);

        var output = silo.Output;
        foreach (var secret in tokens.All.Select(t => t.Token).Append(unknown))
        {
            report.Require(!output.Contains(secret, StringComparison.Ordinal), $"the silo's output contains the token {secret[..6]}...");
        }

        report.Set("silo output lines", output.Split('\n').Length);
        report.CheckCore();
        log.WriteLine(report);
        return report;
    }

    private static async Task MatrixAsync(SiloClient client, (string Name, string? Token, IReadOnlyList<string> Grants) caller, Dictionary<string, string> ids, bool preview, Report report, CancellationToken cancellationToken)
    {
        foreach (var type in MessageCatalog.ActorTypes)
        {
            foreach (var message in MessageCatalog.Of(type))
            {
                var permission = message.Kind switch
                {
                    MessageKind.Read => "read",
                    MessageKind.Write => "write",
                    MessageKind.Erase => "erase",
                    _ => preview ? "rewind:preview" : "rewind",
                };
                var answer = await client.BatchAsync(type, ids[type], $$"""[{"type":"{{message.Type}}","body":{{message.Body}}}]""", caller.Token, preview ? "?preview" : "", cancellationToken: cancellationToken);
                Judge(report, caller, type, permission, $"{message.Type}{(preview ? "?preview" : "")}", answer);
            }
        }
    }

    private static async Task EndpointsAsync(SiloClient client, (string Name, string? Token, IReadOnlyList<string> Grants) caller, Dictionary<string, string> ids, Report report, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow.ToString("O");
        foreach (var type in MessageCatalog.ActorTypes)
        {
            var actor = $"/resources/actors/{type}/{ids[type]}";
            (string Method, string Path, string? Body, string? Permission)[] endpoints =
            [
                ("GET", $"{actor}/history", null, "read"),
                ("GET", $"{actor}/history?at={now}", null, "read"),
                ("GET", $"{actor}/diff?from=1&to=2", null, "read"),
                ("GET", $"{actor}/replay", null, "read"),
                // A restore rewinds and answers the restored state: it needs rewind, then read.
                ("POST", $"{actor}/restore", """{"version":1,"reason":"matrix"}""", "rewind+read"),
                ("GET", $"/resources/actors/{type}", null, "read"),
                ("GET", $"/resources/actors/{type}?asOf={now}", null, "read"),
                ("POST", $"/resources/actors/{type}/snapshots", $$"""{"at":"{{now}}","reason":"matrix"}""", "read"),
                ("GET", $"/resources/events?actorType={type}", null, "read"),
                ("GET", $"/resources/audit?actorType={type}", null, "read"),
            ];
            foreach (var (method, path, body, permission) in endpoints)
            {
                var answer = await client.SendAsync(new HttpMethod(method), path, caller.Token, body is null ? null : SiloClient.Json(body), cancellationToken: cancellationToken);
                Judge(report, caller, type, permission!, $"{method} {path}", answer);
            }
        }

        foreach (var path in new[] { "/resources/events", "/resources/audit" })
        {
            var answer = await client.GetAsync(path, caller.Token, cancellationToken);
            Judge(report, caller, "*", "read", $"GET {path}", answer);
        }

        var version = await client.GetAsync("/resources/version", caller.Token, cancellationToken);
        Judge(report, caller, "*", null, "GET /resources/version", version);
    }

    /// <summary>401 without a known token, 403 naming the permission when it is missing, otherwise no 401/403/5xx; never an unmasked card.</summary>
    private static void Judge(Report report, (string Name, string? Token, IReadOnlyList<string> Grants) caller, string type, string? permission, string what, Answer answer)
    {
        report.Add("requests");
        var known = caller.Name is not ("no token" or "unknown token");
        var missing = permission?.Split('+').FirstOrDefault(p => !Allows(caller.Grants, type, p));
        var allowed = known && missing is null;
        if (answer.Status >= 500)
        {
            report.Add("5xx");
            report.Fail($"{caller.Name} {type} {what}: {answer}");
        }
        else if (!known)
        {
            report.Require(answer.Status == 401 && answer.ProblemDefect() is null, $"{caller.Name} {type} {what}: expected a 401 problem, got {answer}");
            report.Add("401");
        }
        else if (!allowed)
        {
            var expected = $"actors/{type}:{missing}";
            report.Require(answer.Status == 403 && answer.ProblemDefect() is null && (string?)answer.Json?["permission"] == expected, $"{caller.Name} {type} {what}: expected 403 naming {expected}, got {answer}");
            report.Add("403");
        }
        else
        {
            report.Require(answer.Status is not (401 or 403), $"{caller.Name} {type} {what}: expected to be let through, got {answer}");
            report.Require(answer.Status < 400 || answer.ProblemDefect() is null, $"{caller.Name} {type} {what}: an error that is not a problem: {answer}");
            report.Add("allowed");
        }

        if (!Allows(caller.Grants, "payment", "pii"))
        {
            report.Require(!Unmasked(answer.Body), $"{caller.Name} {type} {what}: the card number is in the answer unmasked");
        }
    }

    /// <summary>Snapshot exports and the SSE replay of a payment, for a reader without :pii (masked) and the administrator (not).</summary>
    private static async Task ExportsAsync(SiloClient client, Tokens tokens, string paymentId, Report report, CancellationToken cancellationToken)
    {
        var reader = tokens.Singles.First(t => t.Permissions[0] == "actors/payment:read").Token;
        foreach (var (token, maySee) in new[] { (reader, false), (tokens.Admin.Token, true) })
        {
            var replay = await client.GetAsync($"/resources/actors/payment/{paymentId}/replay", token, cancellationToken);
            var started = await client.SendAsync(HttpMethod.Post, "/resources/actors/payment/snapshots", token, SiloClient.Json($$"""{"at":"{{DateTime.UtcNow:O}}","reason":"export check"}"""), cancellationToken: cancellationToken);
            var id = (string?)started.Json?["snapshotId"];
            var status = await client.GetAsync($"/resources/snapshots/{id}?waitSeconds=30", token, cancellationToken);
            var data = await client.GetAsync($"/resources/snapshots/{id}/data", token, cancellationToken);
            report.Require(replay.Status == 200 && started.Status == 202 && (string?)status.Json?["status"] == "completed" && data.Status == 200, $"exports: replay {replay.Status}, snapshot {started.Status}/{status}/{data.Status}");
            foreach (var (what, answer) in new[] { ("SSE replay", replay), ("snapshot export", data) })
            {
                report.Add("exports");
                report.Require(Unmasked(answer.Body) == maySee, $"{what} for {(maySee ? "the administrator" : "a reader without :pii")}: the card number is {(maySee ? "missing" : "unmasked")}");
            }
        }
    }

    private static bool Allows(IReadOnlyList<string> grants, string type, string permission) => grants.Any(grant =>
    {
        var colon = grant.IndexOf(':', StringComparison.Ordinal);
        var scope = grant["actors/".Length..colon];
        var granted = grant[(colon + 1)..];
        var typeOk = scope == "*" || scope == type;
        var permissionOk = granted == "*" || granted == permission || (permission == "rewind:preview" && granted == "rewind");
        return typeOk && permissionOk;
    });

    /// <summary>The server's own list of message types must be the catalog's, or the matrix misses some.</summary>
    private static async Task CheckCatalogAsync(SiloClient client, string admin, string type, string id, Report report, CancellationToken cancellationToken)
    {
        var answer = await client.BatchAsync(type, id, """[{"type":"noSuchMessage"}]""", admin, cancellationToken: cancellationToken);
        var known = KnownTypes().Match((string?)answer.Json?["detail"] ?? string.Empty);
        var server = known.Success ? known.Groups[1].Value.Split(", ").Order(StringComparer.Ordinal).ToList() : [];
        var catalog = MessageCatalog.Of(type).Select(m => m.Type).Order(StringComparer.Ordinal).ToList();
        report.Require(server.SequenceEqual(catalog), $"{type}: the server knows [{string.Join(", ", server)}], the matrix tests [{string.Join(", ", catalog)}]");
    }

    private static bool Unmasked(string text) =>
        text.Contains(Card, StringComparison.Ordinal) || text.Contains("4111 1111 1111 1234", StringComparison.Ordinal) || text.Contains("411111111111", StringComparison.Ordinal);

    [GeneratedRegex(@"Known types: ([^.]*)\.")]
    private static partial Regex KnownTypes();
}
