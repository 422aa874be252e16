namespace Actors.Grains.Snapshots;

/// <summary>How compliance snapshot jobs run, bound from <c>Actors:Snapshots</c>.</summary>
public sealed class SnapshotJobOptions
{
    /// <summary>How many actors a job rebuilds per step (one chunk of data); it holds no more than this in memory.</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>
    /// The period of the reminder every unfinished job has. Its only work is to activate the job's grain, which goes on
    /// from its last page: so a job whose silo died resumes on another silo within this time even if nobody asks for it
    /// (asking activates it at once). Orleans allows no less than its <c>MinimumReminderPeriod</c> (a minute).
    /// </summary>
    public TimeSpan ResumePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a job waits before it tries a page again after the journal could not be reached.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);
}
