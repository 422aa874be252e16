using System.Text.Json;
using Actors.Abstractions;
using Actors.Abstractions.Messages;
using Actors.Grains;
using Actors.Grains;
using Actors.Runtime.Hosting;
using Actors.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Actors.Bench;

/// <summary>
/// An in-process actor runtime on the PostgreSQL journal, built from the product's public surface exactly as the silo
/// builds it (<see cref="PostgresJournalStore"/>, <see cref="ActorRuntime"/>, <see cref="ActorGrains.Types"/>), minus HTTP.
/// </summary>
public sealed class RuntimeHost : IAsyncDisposable
{
    /// <summary>The principal recorded on every checkpoint the benchmark writes.</summary>
    public const string Principal = "bench";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresJournalStore _store;

    private RuntimeHost(NpgsqlDataSource dataSource, PostgresJournalStore store, ActorRuntime runtime)
    {
        _dataSource = dataSource;
        _store = store;
        Runtime = runtime;
    }

    public ActorRuntime Runtime { get; }

    /// <summary>Opens the store (creating or migrating the schema as the silo does) and starts a runtime on it.</summary>
    public static async Task<RuntimeHost> StartAsync(string connectionString, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(PostgresConnectionDefaults.Apply(connectionString));
        var store = new PostgresJournalStore(dataSource);
        await store.InitializeAsync(cancellationToken);
        var runtime = new ActorRuntime(
            new ActorTypeRegistry(ActorGrains.Types),
            store,
            Options.Create(new ActorRuntimeOptions()),
            TimeProvider.System,
            NullLogger<ActorRuntime>.Instance);
        return new RuntimeHost(dataSource, store, runtime);
    }

    /// <summary>A message whose body is JSON text, as the gateway hands it over.</summary>
    public static ActorMessage Message(string type, string body = "{}")
    {
        using var document = JsonDocument.Parse(body);
        return new ActorMessage(type, document.RootElement.Clone());
    }

    /// <summary>Runs one batch on a sku actor.</summary>
    public Task<BatchResult> SendAsync(string id, bool preview, CancellationToken cancellationToken, params ActorMessage[] messages) =>
        Runtime.ExecuteAsync(new ActorKey("sku", id), new BatchRequest(messages, Principal, Preview: preview), cancellationToken);

    /// <summary>Creates sku actors <paramref name="prefix"/>0 … (count − 1), <paramref name="parallelism"/> at a time.</summary>
    public async Task CreateSkusAsync(string prefix, int count, int parallelism, CancellationToken cancellationToken) =>
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
            await SendAsync(prefix + i, false, ct, Create(prefix + i)));

    /// <summary>The <c>create</c> message of a sku.</summary>
    public static ActorMessage Create(string id) =>
        Message("create", $$"""{"skuNumber":"{{id}}","name":"Bench sku {{id}}","price":10,"currency":"SEK"}""");

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        await _store.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
