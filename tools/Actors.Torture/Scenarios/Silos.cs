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

    /// <summary>
    /// Orleans ports for a silo that is killed and started again, the same each time, as a silo on a real machine keeps
    /// its ports: a new incarnation on the same endpoint supersedes the dead one at once. On new ports a silo with no live
    /// peer to declare the dead one dead would first wait for its heartbeat to go stale (about 90 s), because a joining
    /// silo must reach every silo the membership table still lists as active.
    /// </summary>
    public static Dictionary<string, string> FixedPorts() => new()
    {
        ["Orleans__Endpoints__SiloPort"] = SiloProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Orleans__Endpoints__GatewayPort"] = SiloProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
