namespace Actors.Storage.Sqlite;

/// <summary>Where the embedded journal keeps its file.</summary>
public sealed class SqliteJournalOptions
{
    /// <summary>Path of the database file; created, with its directory, on first use.</summary>
    public string Path { get; set; } = "actors.db";
}
