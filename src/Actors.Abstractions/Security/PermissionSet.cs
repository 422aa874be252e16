namespace Actors.Abstractions.Security;

/// <summary>
/// Grants of the form <c>actors/&lt;type&gt;:&lt;permission&gt;</c>, where type may be <c>*</c> and permission is
/// <c>read</c>, <c>write</c>, <c>rewind</c>, <c>rewind:preview</c>, <c>pii</c>, <c>erase</c> (erasing personal data), <c>admin</c>
/// (operations: history compaction, the Orleans Dashboard) or <c>*</c> (all of that type).
/// </summary>
public sealed class PermissionSet
{
    private static readonly string[] KnownPermissions = ["read", "write", "rewind", "rewind:preview", "pii", "erase", "admin", "*"];

    /// <summary>What a caller may do with an actor's data, as <see cref="On"/> lists it.</summary>
    private static readonly string[] ActorPermissions = ["read", "write", "rewind", "rewind:preview", "pii", "erase", "admin"];
    private readonly (string Type, string Permission)[] _grants;

    private PermissionSet((string Type, string Permission)[] grants, IReadOnlyList<string> text)
    {
        _grants = grants;
        Grants = text;
    }

    /// <summary>The grants as configured.</summary>
    public IReadOnlyList<string> Grants { get; }

    /// <summary>Parses grants; throws <see cref="FormatException"/> naming the first one that is not of the form above.</summary>
    public static PermissionSet Parse(IEnumerable<string> grants)
    {
        var text = grants.ToList();
        var parsed = new List<(string, string)>(text.Count);
        foreach (var grant in text)
        {
            const string Prefix = "actors/";
            var colon = grant.IndexOf(':', StringComparison.Ordinal);
            if (!grant.StartsWith(Prefix, StringComparison.Ordinal) || colon < Prefix.Length + 1)
            {
                throw new FormatException($"Permission '{grant}' is not of the form actors/<type>:<permission>.");
            }

            var permission = grant[(colon + 1)..];
            if (!KnownPermissions.Contains(permission))
            {
                throw new FormatException($"Permission '{grant}' names an unknown permission '{permission}'; known: {string.Join(", ", KnownPermissions)}.");
            }

            parsed.Add((grant[Prefix.Length..colon], permission));
        }

        return new PermissionSet([.. parsed], text);
    }

    /// <summary>
    /// Parses the values of a token's <c>permissions</c> claim: each value a grant or several separated by spaces (an
    /// array claim arrives as one value per item, a string as one value). Values outside <c>actors/</c> are other
    /// applications' and are left out; a malformed <c>actors/</c> grant throws <see cref="FormatException"/>.
    /// </summary>
    public static PermissionSet ParseClaim(IEnumerable<string> values) =>
        Parse(values
            .SelectMany(v => v.Split(' ', '\t', '\n', '\r'))
            .Where(g => g.StartsWith("actors/", StringComparison.Ordinal)));

    /// <summary>True when some grant allows <paramref name="permission"/> on <paramref name="actorType"/>. Full <c>rewind</c> implies <c>rewind:preview</c>.</summary>
    public bool Allows(string actorType, string permission)
    {
        foreach (var (type, granted) in _grants)
        {
            var typeMatches = type == "*" || type == actorType;
            var permissionMatches = granted == "*" || granted == permission || (granted == "rewind" && permission == "rewind:preview");
            if (typeMatches && permissionMatches)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The actor permissions this set holds on <paramref name="actorType"/>, e.g. for a console to show.</summary>
    public IReadOnlyList<string> On(string actorType) =>
        [.. ActorPermissions.Where(p => Allows(actorType, p))];
}
