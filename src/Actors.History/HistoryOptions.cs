namespace Actors.History;

/// <summary>
/// The history lifecycle's settings, bound from <c>Actors:History</c>: where the archive is, how long idempotency keys
/// are kept, and per actor type (<c>Actors:History:&lt;Type&gt;:HotFor</c>, <c>…:Tier</c>) how long mutation sets stay in
/// the hot journal and whether older ones are archived or pruned.
/// </summary>
public sealed class HistoryOptions
{
    /// <summary>The value of <see cref="HistoryTypePolicy.Tier"/> that writes what leaves the hot journal to the archive.</summary>
    public const string ArchiveTier = "archive";

    /// <summary>The value of <see cref="HistoryTypePolicy.Tier"/> that deletes what leaves the hot journal.</summary>
    public const string PruneTier = "prune";

    /// <summary>
    /// The archive directory. A cluster needs it on storage every silo shares (a network file system), since any silo may
    /// run a compaction and any silo reads the archive. Unset: compaction can only prune.
    /// </summary>
    public string? ArchivePath { get; set; }

    /// <summary>
    /// How long an <c>Idempotency-Key</c> is remembered (<c>Actors:Idempotency:Retention</c>); a repeat after that is a new
    /// batch. Expired keys are deleted by the retention policy's run and by every compaction job. Default 24 hours.
    /// </summary>
    public TimeSpan IdempotencyKeysFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often each actor type's retention policy runs (and idempotency keys expire). Default an hour.</summary>
    public TimeSpan PolicyPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many actors a compaction step looks at.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Each actor type's policy, by its name (any case: <c>Order</c> and <c>order</c> are one).</summary>
    public Dictionary<string, HistoryTypePolicy> Types { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The policy of <paramref name="actorType"/>; none (keep everything hot) when not configured.</summary>
    public HistoryTypePolicy PolicyOf(string actorType) => Types.GetValueOrDefault(actorType) ?? new HistoryTypePolicy();

    /// <summary>True when what leaves the hot journal for <paramref name="actorType"/> is archived (or, without a policy, when an archive is configured).</summary>
    public bool Archives(string actorType) => (PolicyOf(actorType).Tier ?? (ArchivePath is null ? PruneTier : ArchiveTier)) == ArchiveTier;
}

/// <summary>One actor type's retention policy.</summary>
public sealed class HistoryTypePolicy
{
    /// <summary>How long mutation sets stay in the hot journal (e.g. <c>90.00:00:00</c>); null: for good.</summary>
    public TimeSpan? HotFor { get; set; }

    /// <summary><c>archive</c> or <c>prune</c>: what happens to what leaves the hot journal; default: archive when an archive is configured.</summary>
    public string? Tier { get; set; }
}
