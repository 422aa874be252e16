namespace Actors.Grains;

/// <summary>An edge of the state (<c>lines</c>): an array of nodes with these fields.</summary>
public sealed record EdgeDescriptor(string Name, IReadOnlyList<string> Fields);
