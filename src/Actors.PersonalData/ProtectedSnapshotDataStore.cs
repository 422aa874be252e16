using Actors.Abstractions.Storage;

namespace Actors.PersonalData;

/// <summary>
/// The compliance snapshot data the silo's jobs and gateway use: a decorator that opens the sealed personal values of the
/// lines it reads (a value whose key was destroyed reads as null). Lines are written as the job gives them: the job seals
/// their personal values first (<see cref="PersonalDataProtector.Seal"/>), so they are never stored in clear.
/// </summary>
public sealed class ProtectedSnapshotDataStore(ISnapshotDataStore inner, PersonalDataProtector protector) : ISnapshotDataStore
{
    /// <inheritdoc />
    public Task WriteSnapshotChunkAsync(string snapshotId, int chunk, string lines, CancellationToken cancellationToken) =>
        inner.WriteSnapshotChunkAsync(snapshotId, chunk, lines, cancellationToken);

    /// <inheritdoc />
    public async Task<string?> ReadSnapshotChunkAsync(string snapshotId, int chunk, CancellationToken cancellationToken)
    {
        var lines = await inner.ReadSnapshotChunkAsync(snapshotId, chunk, cancellationToken);
        if (lines is null || !lines.Contains(SealedValue.Prefix, StringComparison.Ordinal))
        {
            return lines;
        }

        // The chunk does not say its actor type; the fields of every type are looked for (a line holds its own type's only).
        var opener = protector.Opener();
        var handles = lines.Split('\n').Select(line => opener.Add(line, protector.Catalog.AllFields)).ToList();
        await opener.OpenAsync(cancellationToken);
        return string.Join('\n', handles.Select(opener.Get));
    }
}
