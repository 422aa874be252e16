using System.Text.Json.Nodes;

namespace Actors.Client;

/// <summary>
/// The silo refused or failed a request, over HTTP or through Orleans. <see cref="Problem"/> is the RFC 9457 problem
/// detail as the HTTP API answers it, whichever transport was used (through Orleans the client builds it from the grain's
/// typed exception, kept as <see cref="Exception.InnerException"/>). Subclasses say what kind of refusal.
/// </summary>
public class ActorRequestException : Exception
{
    private readonly JsonObject _problem;

    /// <summary>Wraps the problem detail <paramref name="problem"/> answered with HTTP status <paramref name="status"/>.</summary>
    public ActorRequestException(int status, JsonObject problem, Exception? innerException = null)
        : base(DetailOf(status, problem), innerException)
    {
        Status = status;
        _problem = (JsonObject)problem.DeepClone();
    }

    /// <summary>The HTTP status this refusal has (through Orleans too: the status the gateway would answer): 400, 401, 403, 404, 409, 410, 412, 413, 422, 503 ...</summary>
    public int Status { get; }

    /// <summary>The problem type, e.g. <c>urn:actors:problem:business-rule</c>.</summary>
    public string? ProblemType => (string?)_problem["type"];

    /// <summary>The problem's short, fixed title.</summary>
    public string? Title => (string?)_problem["title"];

    /// <summary>What is wrong, for people.</summary>
    public string Detail => Message;

    /// <summary>Zero-based index of the message of the batch that failed, when one did.</summary>
    public int? MessageIndex => _problem["messageIndex"] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    /// <summary>The type of the message that failed, when one did.</summary>
    public string? MessageType => (string?)_problem["messageType"];

    /// <summary>A copy of the whole problem detail, extension members included.</summary>
    public JsonObject Problem => (JsonObject)_problem.DeepClone();

    private static string DetailOf(int status, JsonObject problem) =>
        (string?)problem["detail"] ?? (string?)problem["title"] ?? $"The server answered {status}.";
}
