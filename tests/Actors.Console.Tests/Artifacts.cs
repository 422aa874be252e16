namespace Actors.Console.Tests;

/// <summary>
/// Where the tests save screenshots: <c>ACTORS_TEST_ARTIFACTS</c>, else <c>artifacts/console/</c> at the repository
/// root (ignored by git). The README's <c>docs/console.png</c> is copied from here by hand.
/// </summary>
public static class Artifacts
{
    public static string Directory { get; } = Create();

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    private static string Create()
    {
        var configured = Environment.GetEnvironmentVariable("ACTORS_TEST_ARTIFACTS");
        var directory = configured is { Length: > 0 } ? configured : Path.Combine(RepositoryRoot(), "artifacts", "console");
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")))
            {
                return dir.FullName;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "artifacts");
    }
}
