using System.Text.Json;
using System.Text.Json.Nodes;
using Actors.Abstractions;
using Actors.Abstractions.Messages;
using Actors.Grains;
using Actors.Runtime.Hosting;
using Actors.Runtime.Tests.Counters;
using Actors.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Tests;

/// <summary>A runtime hosting the counter actor over a real SQLite journal in a temporary file.</summary>
public sealed class RuntimeHarness : IAsyncDisposable
{
    private readonly string _directory;

    private RuntimeHarness(string directory, InstrumentedStore store, ActorRuntimeOptions options)
    {
        _directory = directory;
        Store = store;
        Options = options;
        Runtime = NewRuntime();
    }

    public InstrumentedStore Store { get; }

    public ActorRuntimeOptions Options { get; }

    public ActorRuntime Runtime { get; }

    public static async Task<RuntimeHarness> CreateAsync(Action<ActorRuntimeOptions>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"actors-runtime-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var store = new InstrumentedStore(new SqliteJournalStore(new SqliteJournalOptions { Path = Path.Combine(directory, "journal.db") }));
        await store.InitializeAsync(CancellationToken.None);
        var options = new ActorRuntimeOptions();
        configure?.Invoke(options);
        return new RuntimeHarness(directory, store, options);
    }

    /// <summary>A second runtime on the same journal: another silo.</summary>
    public ActorRuntime NewRuntime() =>
        new(new ActorTypeRegistry([CounterActor.Type]), Store, Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System, NullLogger<ActorRuntime>.Instance);

    public static ActorMessage Message(string type, string body = "{}") => new(type, JsonDocument.Parse(body).RootElement.Clone());

    public Task<BatchResult> SendAsync(string id, params ActorMessage[] messages) => SendAsync(Runtime, id, false, messages);

    public static Task<BatchResult> SendAsync(ActorRuntime runtime, string id, bool preview, params ActorMessage[] messages) =>
        runtime.ExecuteAsync(new ActorKey("counter", id), new BatchRequest(messages, "tester", preview), CancellationToken.None);

    public async Task<JsonObject> QueryAsync(string id, ActorRuntime? runtime = null)
    {
        var result = await SendAsync(runtime ?? Runtime, id, false, Message("query"));
        return result.Results[0].Result!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
