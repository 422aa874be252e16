namespace Actors.Torture.Scenarios;

/// <summary>The environment every scenario's silos share.</summary>
internal static class Silos
{
    /// <summary>Tokens, the journal, and a small snapshot interval so crashes also land between snapshots.</summary>
    public static Dictionary<string, string> Environment(Tokens tokens, JournalStore journal, IReadOnlyDictionary<string, string>? more = null)
    {
        var environment = tokens.Environment();
        foreach (var (key, value) in journal.Environment())
        {
            environment[key] = value;
        }

        environment["Actors__Journal__SnapshotInterval"] = "5";
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }
}
