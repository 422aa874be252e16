namespace Actors.Grains.History;

/// <summary>The retention policy's persisted state: the last job it started for each actor type.</summary>
[GenerateSerializer]
public sealed class RetentionPolicyState
{
    [Id(0)]
    public Dictionary<string, string> LastJobs { get; set; } = new(StringComparer.Ordinal);

    [Id(1)]
    public DateTimeOffset? LastRun { get; set; }

    /// <summary>The period the reminder was registered with.</summary>
    [Id(2)]
    public TimeSpan? Period { get; set; }
}
