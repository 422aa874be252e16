using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;

namespace Actors.Client.Tests;

/// <summary>
/// The packages as a user gets them: <c>dotnet pack</c> of the client, its contracts and the <c>actors</c> tool into a temp
/// folder (a unique prerelease of the version in Directory.Build.props), the tool installed from there with
/// <c>dotnet tool install --tool-path --add-source</c>, and a tiny consumer project restored offline from that folder and the
/// local package cache, each then run against the test silo.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class PackagingTests(SiloFixture fixture, PackagingTests.Packed packed) : IClassFixture<PackagingTests.Packed>
{
    [Fact]
    public async Task The_packages_carry_their_id_description_and_the_shared_version()
    {
        foreach (var id in Packed.Libraries.Append("Actors.Cli"))
        {
            var nuspec = await packed.NuspecAsync(id);
            var ns = nuspec.Root!.Name.Namespace;
            var metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.Equal(id, metadata.Element(ns + "id")!.Value);
            Assert.Equal(packed.Version, metadata.Element(ns + "version")!.Value);
            Assert.StartsWith("Actors: ", metadata.Element(ns + "description")!.Value, StringComparison.Ordinal);
        }

        var client = await packed.NuspecAsync("Actors.Client");
        var dependencies = client.Descendants(client.Root!.Name.Namespace + "dependency").Select(d => (string)d.Attribute("id")!).ToList();
        Assert.Contains("Actors.Grains.Abstractions", dependencies);
        Assert.Contains("Microsoft.Extensions.Http.Resilience", dependencies);
        var tool = await packed.NuspecAsync("Actors.Cli");
        Assert.Equal("DotnetTool", (string?)tool.Descendants(tool.Root!.Name.Namespace + "packageType").Single().Attribute("name"));
    }

    [Fact]
    public async Task The_tool_installs_from_the_packed_folder_and_runs_help_and_a_command()
    {
        var id = $"ord-{Guid.NewGuid():N}";
        await using (var client = fixture.Client(TestPrincipal.Admin))
        {
            await client.GetActor<IOrderActor>(id).Batch().Create(new CreateOrder("1001", "SEK", null)).AddTag("packed").SendAsync();
        }

        var tools = packed.Directory("tools");
        await Packed.DotnetAsync(packed.Root, "tool", "install", "Actors.Cli", "--version", packed.Version, "--tool-path", tools, "--add-source", packed.Packages);
        var actors = Path.Combine(tools, "actors");

        var help = await Packed.RunAsync(actors, packed.Root, "--help");
        var state = await Packed.RunAsync(actors, packed.Root, "state", "order", id, "--url", fixture.BaseAddress.ToString(), "--token", TestPrincipal.Admin.Token, "--json");

        Assert.Contains("actors [command] [options]", help, StringComparison.Ordinal);
        Assert.Contains("rewind", help, StringComparison.Ordinal);
        var json = JsonNode.Parse(state)!;
        Assert.Equal("""["packed"]""", json["tags"]!.ToJsonString());
        Assert.Equal(1, (long)json["version"]!);
    }

    [Fact]
    public async Task A_consumer_project_restores_offline_from_the_packed_folder_builds_and_talks_to_a_silo()
    {
        var consumer = packed.Directory("consumer");
        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="actors" value="{packed.Packages}" />
                <add key="local-cache" value="{Packed.GlobalPackages}" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Actors.Client" Version="{packed.Version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), """
            using Actors.Client;
            using Actors.Grains.Orders;
            using Actors.Grains.Orders.Commands;

            await using var client = ActorsClient.Http(new Uri(args[0]), args[1]);
            var order = client.GetActor<IOrderActor>(args[2]);
            var created = await order.Batch().Create(new CreateOrder(null, "SEK", null)).SendAsync();
            var state = await order.QueryAsync<OrderState>();
            Console.WriteLine($"{created.Version} {state.Currency}");
            """);

        await Packed.DotnetAsync(consumer, "build", "-c", "Release", "-o", Path.Combine(consumer, "out"));
        var answer = await Packed.DotnetAsync(
            consumer, Path.Combine(consumer, "out", "Consumer.dll"), fixture.BaseAddress.ToString(), TestPrincipal.Admin.Token, $"ord-{Guid.NewGuid():N}");

        Assert.Equal("1 SEK", answer.Trim());
    }

    /// <summary>The four packages, packed once into a temp folder; removed afterwards, with their copies in the package cache.</summary>
    public sealed class Packed : IAsyncLifetime
    {
        public static readonly string[] Libraries = ["Actors.Abstractions", "Actors.Grains.Abstractions", "Actors.Client"];

        private static readonly string[] Projects =
            ["client/Actors.Cli", "src/Actors.Abstractions", "grains/Actors.Grains.Abstractions", "client/Actors.Client"];

        public string Root { get; } = System.IO.Directory.CreateTempSubdirectory("actors-packaging-").FullName;

        public string Packages => Path.Combine(Root, "packages");

        /// <summary>The version in Directory.Build.props with a prerelease suffix of this run, so the package cache never holds a stale copy.</summary>
        public string Version { get; private set; } = string.Empty;

        public static string GlobalPackages =>
            Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
                ? set
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

        public string Directory(string name) => System.IO.Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

        public async Task InitializeAsync()
        {
            var repository = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(repository.FullName, "Actors.sln")))
            {
                repository = repository.Parent ?? throw new InvalidOperationException("Actors.sln not found above the test's directory.");
            }

            var prefix = XDocument.Load(Path.Combine(repository.FullName, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;
            var suffix = $"test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
            Version = $"{prefix}-{suffix}";

            // Only the packed folder is a source for the tool's install (--add-source): no package comes from the network.
            await File.WriteAllTextAsync(Path.Combine(Root, "nuget.config"), """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration><packageSources><clear /></packageSources></configuration>
                """);

            // Built under the temp folder (--artifacts-path), so the repository's bin and obj are left alone.
            foreach (var project in Projects)
            {
                await DotnetAsync(
                    repository.FullName, "pack", project, "-c", "Release", "-o", Packages, "--artifacts-path", Path.Combine(Root, "artifacts"), "--version-suffix", suffix);
            }
        }

        public async Task<XDocument> NuspecAsync(string id)
        {
            using var package = ZipFile.OpenRead(Path.Combine(Packages, $"{id}.{Version}.nupkg"));
            await using var nuspec = package.GetEntry($"{id}.nuspec")!.Open();
            return await XDocument.LoadAsync(nuspec, LoadOptions.None, CancellationToken.None);
        }

        public Task DisposeAsync()
        {
            foreach (var id in Libraries.Append("Actors.Cli"))
            {
                var cached = Path.Combine(GlobalPackages, id.ToLowerInvariant(), Version);
                if (System.IO.Directory.Exists(cached))
                {
                    System.IO.Directory.Delete(cached, recursive: true);
                }
            }

            System.IO.Directory.Delete(Root, recursive: true);
            return Task.CompletedTask;
        }

        /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> in <paramref name="directory"/>; answers its output, or fails with it.</summary>
        public static Task<string> DotnetAsync(string directory, params string[] args) =>
            RunAsync(Path.Combine(DotnetRoot, "dotnet"), directory, args);

        /// <summary>Runs <paramref name="file"/>; answers its standard output, or fails with both outputs when it exits non-zero.</summary>
        public static async Task<string> RunAsync(string file, string directory, params string[] args)
        {
            var start = new ProcessStartInfo(file)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            // A child build must not inherit the test run's MSBuild settings; an installed tool finds the runtime through DOTNET_ROOT.
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(name);
            }

            start.Environment["DOTNET_ROOT"] = DotnetRoot;
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{await output}\n{await error}");
            return await output;
        }

        /// <summary>The .NET installation running the tests (its shared runtime is three levels below it).</summary>
        private static string DotnetRoot =>
            Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
    }
}
