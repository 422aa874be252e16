namespace Actors.Console.Tests;

/// <summary>Fresh actor ids, so no test depends on another's actors.</summary>
public static class ActorIds
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
}
