using Actors.Abstractions;
using Actors.Abstractions.Errors;

namespace Actors.Grains;

/// <summary>Shape rules shared by several grains. Each refuses a bad value with a 400 that names the field.</summary>
internal static class Validate
{
    /// <summary>The largest money value any grain accepts, so that totals never overflow <see cref="decimal"/>.</summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    /// <summary>The largest quantity of one order line.</summary>
    public const int MaxQuantity = 1_000_000;

    /// <summary>An ISO 4217-shaped code: exactly three upper-case letters A–Z.</summary>
    public static string Currency(string? value, string field = "currency")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ActorException.Invalid($"Field '{field}' is required.");
        }

        return value.Length == 3 && value.All(c => c is >= 'A' and <= 'Z')
            ? value
            : throw ActorException.Invalid($"Field '{field}' must be three upper-case letters (ISO 4217, e.g. SEK); '{value}' is not.");
    }

    /// <summary>A required money value, ≥ 0 (or &gt; 0 when <paramref name="positive"/>) and at most <see cref="MaxAmount"/>.</summary>
    public static decimal Money(decimal? value, string field, bool positive)
    {
        var amount = value ?? throw ActorException.Invalid($"Field '{field}' is required.");
        if (positive ? amount <= 0 : amount < 0)
        {
            throw ActorException.Invalid($"Field '{field}' must be {(positive ? "greater than 0" : "0 or more")}; {amount} is not.");
        }

        return amount <= MaxAmount
            ? amount
            : throw ActorException.Invalid($"Field '{field}' must be at most {MaxAmount}; {amount} is not.");
    }

    /// <summary>An id chosen by the caller, null when not given: the same alphabet as actor ids.</summary>
    public static string? OptionalId(string? value, string field) =>
        value is null || ActorKey.IsValidId(value)
            ? value
            : throw ActorException.Invalid($"Field '{field}' must be 1-{ActorKey.MaxIdLength} characters of A-Z a-z 0-9 - _ . :; '{value}' is not.");

    /// <summary>An optional e-mail address: text, one '@', text, no spaces.</summary>
    public static string? OptionalEmail(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        var ok = at > 0 && at < value.Length - 1 && value.IndexOf('@', at + 1) < 0 && !value.Any(char.IsWhiteSpace);
        return ok ? value : throw ActorException.Invalid($"Field '{field}' must be an e-mail address (name@domain); '{value}' is not.");
    }

    /// <summary>Returns <paramref name="value"/>, or refuses the message when it is missing or blank.</summary>
    public static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw ActorException.Invalid($"Field '{field}' is required.") : value;
}
