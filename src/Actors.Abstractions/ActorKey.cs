namespace Actors.Abstractions;

/// <summary>
/// Addresses one actor: its type as it appears in URLs and Orleans grain ids (<c>order</c>) and its id
/// (<c>ord-1001</c>), so the grain id is <c>order/ord-1001</c>.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct ActorKey(string Type, string Id)
{
    /// <summary>The longest id the server accepts.</summary>
    public const int MaxIdLength = 128;

    /// <summary>True when <paramref name="id"/> is 1–128 characters of <c>A-Z a-z 0-9 - _ . :</c>.</summary>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or ':';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => $"{Type}/{Id}";
}
