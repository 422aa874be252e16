namespace Actors.Gateway.History;

/// <summary>Where compliance snapshots are written, bound from <c>Actors:Snapshots</c>.</summary>
public sealed class SnapshotOptions
{
    /// <summary>The folder for snapshot files (NDJSON data and a status file each); relative to the working directory.</summary>
    public string Path { get; set; } = "snapshots";

    /// <summary>How many actors a snapshot job rebuilds per page; it holds no more than this in memory.</summary>
    public int PageSize { get; set; } = 200;
}
