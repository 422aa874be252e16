namespace Actors.Grains;

/// <summary>What a command handler may know about the batch it runs in. Anything it uses must go into the events it raises.</summary>
/// <param name="Principal">Who sent the batch.</param>
/// <param name="Now">The time of the turn.</param>
public sealed record CommandContext(string Principal, DateTimeOffset Now)
{
    /// <summary>A new id for an entity inside the actor (a line, a comment), unique and time-ordered.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString();
}
