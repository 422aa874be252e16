namespace Actors.Console.Tests;

/// <summary>One silo and one browser for every console test; each test has its own browser context and actor ids.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleSiloFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "console on a silo in chromium";
}
