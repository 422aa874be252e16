namespace Actors.Abstractions.Storage;

/// <summary>
/// Grain state kept in the journal's database, so that whichever silo activates a grain reads what another wrote. Each
/// write names the etag it read (null: no row yet) and is refused when the stored row has another: two activations of
/// one grain (possible for a moment while the cluster's membership changes) cannot silently overwrite each other.
/// Every method throws <see cref="Errors.StorageUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface IGrainStateStore
{
    /// <summary>The state stored for the grain, or null when there is none.</summary>
    Task<GrainStateRecord?> ReadGrainStateAsync(string grainId, string stateName, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="record"/> (with its new etag) if the stored etag is still <paramref name="expectedETag"/>
    /// (null: if there is no row). False, with nothing written, otherwise.
    /// </summary>
    Task<bool> WriteGrainStateAsync(GrainStateRecord record, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the grain's state if its etag is <paramref name="expectedETag"/>; true also when there is none. False, with
    /// nothing deleted, when a row with another etag is there.
    /// </summary>
    Task<bool> ClearGrainStateAsync(string grainId, string stateName, string? expectedETag, CancellationToken cancellationToken);
}
