using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Actors.Abstractions.Errors;

namespace Actors.Grains;

/// <summary>
/// Enum values as the wire spells them (<c>open</c>, <c>urgent</c>). Commands carry them as strings so that a
/// wrong value is refused with the field's name and the allowed values; the JSON metadata is the one source of the names.
/// </summary>
internal static class WireEnum
{
    /// <summary>The value named <paramref name="value"/>; refuses a missing or unknown name (400).</summary>
    public static T Parse<T>(string? value, string field, JsonTypeInfo<T> wire)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ActorException.Invalid($"Field '{field}' is required.");
        }

        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Name(candidate, wire), value, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        var allowed = string.Join(", ", Enum.GetValues<T>().Select(v => Name(v, wire)));
        throw ActorException.Invalid($"Field '{field}' must be one of {allowed}; '{value}' is not.");
    }

    /// <summary>The wire name of <paramref name="value"/>.</summary>
    public static string Name<T>(T value, JsonTypeInfo<T> wire)
        where T : struct, Enum =>
        JsonSerializer.SerializeToElement(value, wire).GetString()!;
}
