using System.Diagnostics;

namespace Actors.OpenApi.Tests;

/// <summary>
/// Redocly CLI (pinned in tool/package.json, installed with <c>npm ci</c> when tool/node_modules is missing),
/// the outside tool that lints the served document with the rules in tool/redocly.yaml.
/// </summary>
public static class Redocly
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>tests/Actors.OpenApi.Tests/tool, found from the test assembly's directory.</summary>
    public static string ToolDirectory { get; } = FindToolDirectory();

    /// <summary>Lints <paramref name="document"/> written to <c>tool/&lt;fileName&gt;</c>; answers the exit code and the output.</summary>
    public static async Task<(int ExitCode, string Output)> LintAsync(string document, string fileName)
    {
        await EnsureInstalledAsync();
        await File.WriteAllTextAsync(Path.Combine(ToolDirectory, fileName), document);
        var cli = Path.Combine(ToolDirectory, "node_modules", "@redocly", "cli", "bin", "cli.js");
        return await RunAsync("node", [cli, "lint", "--config", "redocly.yaml", "--format", "stylish", fileName]);
    }

    /// <summary>
    /// Generates TypeScript types from <paramref name="document"/> with openapi-typescript (pinned beside Redocly), which
    /// checks the document with Redocly's minimal rules first (tool/generate.redocly.yaml); answers the exit code, the
    /// output and the generated file's text.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Types)> GenerateTypeScriptAsync(string document)
    {
        await EnsureInstalledAsync();
        await File.WriteAllTextAsync(Path.Combine(ToolDirectory, "generate.json"), document);
        var types = Path.Combine(ToolDirectory, "generate.ts");
        File.Delete(types);
        var cli = Path.Combine(ToolDirectory, "node_modules", "openapi-typescript", "bin", "cli.js");
        var (exitCode, output) = await RunAsync("node", [cli, "generate.json", "--redocly", "generate.redocly.yaml", "-o", "generate.ts"]);
        return (exitCode, output, File.Exists(types) ? await File.ReadAllTextAsync(types) : "");
    }

    /// <summary>The pinned version, as the tool reports it.</summary>
    public static async Task<string> VersionAsync()
    {
        await EnsureInstalledAsync();
        var (_, output) = await RunAsync("node", [Path.Combine(ToolDirectory, "node_modules", "@redocly", "cli", "bin", "cli.js"), "--version"]);
        return output.Trim().Split('\n')[0].Trim();
    }

    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(ToolDirectory, "node_modules", "@redocly", "cli", "package.json"))
                || !File.Exists(Path.Combine(ToolDirectory, "node_modules", "openapi-typescript", "package.json")))
            {
                var (exitCode, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"]);
                Assert.True(exitCode == 0, $"npm ci in {ToolDirectory} failed (node 20+ and npm are needed):\n{output}");
            }
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = ToolDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry and no update check: the test talks to nothing but the files it wrote.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in 3 minutes.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindToolDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var tool = Path.Combine(directory.FullName, "tool");
            if (File.Exists(Path.Combine(tool, "package.json")) && File.Exists(Path.Combine(directory.FullName, "Actors.OpenApi.Tests.csproj")))
            {
                return tool;
            }
        }

        throw new DirectoryNotFoundException($"No tests/Actors.OpenApi.Tests/tool above {AppContext.BaseDirectory}.");
    }
}
