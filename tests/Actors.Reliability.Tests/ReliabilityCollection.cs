namespace Actors.Reliability.Tests;

/// <summary>
/// The scenarios start silo processes, kill them and cut PostgreSQL off; they run one at a time so that their timing
/// bounds measure the silo, not each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityCollection
{
    public const string Name = "reliability";
}
