using System.Diagnostics;
using System.Reflection;

namespace Actors.Torture;

/// <summary>Finds the repository and the silo's built assembly, building it when it is missing.</summary>
public static class SiloBinary
{
    /// <summary>The folder holding <c>Actors.sln</c>, looked for above this program and above the working directory.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Actors.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find Actors.sln above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// <c>ACTORS_SILO_DLL</c> when set; otherwise silo/bin/&lt;configuration&gt;/net10.0/Actors.Silo.dll, preferring the
    /// configuration this program was built in (its project reference built that one first), then the newest;
    /// when none exists, builds the silo in Release.
    /// </summary>
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("ACTORS_SILO_DLL") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"ACTORS_SILO_DLL names {configured}, which does not exist.");
        }

        var root = RepositoryRoot();
        var own = typeof(SiloBinary).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        string Candidate(string configuration) => Path.Combine(root, "silo", "bin", configuration, "net10.0", "Actors.Silo.dll");
        if (File.Exists(Candidate(own)))
        {
            return Candidate(own);
        }

        var newest = new[] { "Release", "Debug" }.Select(Candidate).Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
        if (newest is not null)
        {
            return newest;
        }

        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", Path.Combine(root, "silo"), "-c", "Release", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = build.StandardOutput.ReadToEndAsync();
        build.WaitForExit();
        return build.ExitCode == 0 && File.Exists(Candidate("Release"))
            ? Candidate("Release")
            : throw new InvalidOperationException($"dotnet build silo -c Release failed:\n{output.Result}");
    }
}
