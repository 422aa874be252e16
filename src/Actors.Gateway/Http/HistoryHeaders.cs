using System.Globalization;
using Actors.Abstractions;
using Actors.Abstractions.Messages;
using Actors.Abstractions.Storage;
using Microsoft.AspNetCore.Http;

namespace Actors.Gateway.Http;

/// <summary>
/// The headers of an answer about history: which tier served it (<c>Actors-History-Tier: hot|archive</c>) and where the
/// actor's readable history starts (<c>Actors-History-Earliest-Version</c>, <c>Actors-History-Earliest-Timestamp</c>),
/// the latter for answers whose body has no room for it (<c>getCheckpoints</c> answers a bare array).
/// </summary>
public static class HistoryHeaders
{
    public const string Tier = "Actors-History-Tier";
    public const string EarliestVersion = "Actors-History-Earliest-Version";
    public const string EarliestTimestamp = "Actors-History-Earliest-Timestamp";

    /// <summary>The messages that read history, whose answers say which tier served them.</summary>
    private static readonly HashSet<string> HistoryMessages =
        new(["getCheckpoints", "getActivityLog", "getState", "getHistory", "diff", "rewind"], StringComparer.Ordinal);

    /// <summary>Sets the headers for a batch that read history.</summary>
    public static void Apply(HttpContext http, BatchRequest request, BatchResult result)
    {
        if (request.Messages.Any(m => HistoryMessages.Contains(m.Type)))
        {
            SetTier(http, result.HistoryTier);
        }

        if (result.HistoryStart is { } start)
        {
            SetStart(http, start);
        }
    }

    /// <summary>Sets <see cref="Tier"/>.</summary>
    public static void SetTier(HttpContext http, string tier) => http.Response.Headers[Tier] = tier;

    /// <summary>Sets <see cref="EarliestVersion"/> and <see cref="EarliestTimestamp"/>.</summary>
    public static void SetStart(HttpContext http, HistoryStart start)
    {
        http.Response.Headers[EarliestVersion] = start.EarliestVersion.ToString(CultureInfo.InvariantCulture);
        if (start.EarliestTimestamp is { } at)
        {
            http.Response.Headers[EarliestTimestamp] = Timestamps.Format(at);
        }
    }
}
