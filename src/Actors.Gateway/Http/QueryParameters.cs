using System.Globalization;
using Actors.Abstractions.Errors;
using Microsoft.AspNetCore.Http;

namespace Actors.Gateway.Http;

/// <summary>Reads query-string parameters, refusing a bad one with a 400 that names it.</summary>
public static class QueryParameters
{
    /// <summary>An optional integer within bounds.</summary>
    public static long? Integer(HttpRequest request, string name, long min, long max)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw ActorException.Invalid($"Query parameter '{name}' must be an integer from {min} to {max}, not '{Shorten(text)}'.");
    }

    /// <summary>An optional ISO 8601 timestamp (UTC when it names no offset).</summary>
    public static DateTimeOffset? Time(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw ActorException.Invalid($"Query parameter '{name}' must be an ISO 8601 timestamp such as 2025-01-15T10:30:00Z, not '{Shorten(text)}'.");
    }

    /// <summary>An optional string, at most <paramref name="maxLength"/> characters.</summary>
    public static string? Text(HttpRequest request, string name, int maxLength = 256)
    {
        var text = request.Query[name].ToString();
        if (text.Length > maxLength)
        {
            throw ActorException.Invalid($"Query parameter '{name}' is longer than {maxLength} characters.");
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>A flag: absent is false; empty, true or 1 is true; false or 0 is false.</summary>
    public static bool Flag(HttpRequest request, string name)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return false;
        }

        return values.ToString().ToLowerInvariant() switch
        {
            "" or "true" or "1" => true,
            "false" or "0" => false,
            var other => throw ActorException.Invalid($"Query parameter '{name}' must be empty, true or false, not '{Shorten(other)}'."),
        };
    }

    /// <summary>Shortens a value quoted back to the caller.</summary>
    public static string Shorten(string value) => Actors.Grains.ActorAccess.Shorten(value);
}
