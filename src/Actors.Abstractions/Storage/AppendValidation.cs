namespace Actors.Abstractions.Storage;

/// <summary>Caller mistakes every store refuses an append for before it reaches the database.</summary>
public static class AppendValidation
{
    public static void Validate(AppendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var set = request.MutationSet;
        ArgumentOutOfRangeException.ThrowIfLessThan(set.Version, 1, nameof(request));

        if (request.Snapshot is { } snapshot
            && (snapshot.Actor != set.Actor || snapshot.Version < 1 || snapshot.Version > set.Version))
        {
            throw new ArgumentException(
                $"A snapshot appended with {set.Actor} version {set.Version} must be of that actor at version 1..{set.Version}; it is {snapshot.Actor} version {snapshot.Version}.",
                nameof(request));
        }

        if (request.Idempotency is { } idempotency && string.IsNullOrEmpty(idempotency.Key))
        {
            throw new ArgumentException("An idempotency record needs a key.", nameof(request));
        }

        // The erasure destroys the actor's keys in the same transaction: a value sealed with one of them would be lost.
        if (request.Erasure is not null && request.DataKeyId is not null)
        {
            throw new ArgumentException("An append that erases personal data cannot seal new personal values.", nameof(request));
        }
    }

    /// <summary>
    /// Versions are contiguous; an append that would skip one is a bug in the caller, not a race,
    /// because a writer only learns a version by reading it from the journal.
    /// </summary>
    public static InvalidOperationException Gap(MutationSetRecord set) =>
        new($"Version {set.Version} of {set.Actor} would leave a gap: version {set.Version - 1} is not in the journal.");
}
