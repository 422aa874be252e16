namespace Actors.Abstractions.Storage;

/// <summary>
/// The data of compliance snapshots (every actor of a type as of a time), kept in the journal's database in numbered
/// chunks of NDJSON lines, so that every silo serves what any silo's job wrote. Every method throws
/// <see cref="Errors.StorageUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface ISnapshotDataStore
{
    /// <summary>
    /// Stores chunk <paramref name="chunk"/> of the snapshot, replacing one stored before under the same number: a job that
    /// resumes after a crash writes its last chunk again, and the data stays whole.
    /// </summary>
    Task WriteSnapshotChunkAsync(string snapshotId, int chunk, string lines, CancellationToken cancellationToken);

    /// <summary>Chunk <paramref name="chunk"/> of the snapshot, or null when it has not been written.</summary>
    Task<string?> ReadSnapshotChunkAsync(string snapshotId, int chunk, CancellationToken cancellationToken);
}
