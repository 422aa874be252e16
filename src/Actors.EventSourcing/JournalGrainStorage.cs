using System.Text.Json;
using Actors.Abstractions.Storage;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Actors.EventSourcing;

/// <summary>
/// Orleans grain storage in the journal's database (<see cref="IGrainStateStore"/>), on SQLite and PostgreSQL alike, so
/// a grain's state is there for whichever silo activates it next. States are JSON. Orleans' etag contract: a read gives
/// the stored etag (null and <c>RecordExists = false</c> when there is none); a write or clear naming another etag than
/// the stored one throws <see cref="InconsistentStateException"/> and changes nothing; a write draws a new etag.
/// </summary>
internal sealed class JournalGrainStorage(string name, JournalGrainStorageOptions options, IGrainStateStore store, IActivatorProvider activators)
    : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var record = await store.ReadGrainStateAsync(grainId.ToString(), stateName, cancellationToken);
        if (record is null)
        {
            Reset(grainState);
            return;
        }

        grainState.State = JsonSerializer.Deserialize<T>(record.Data, options.JsonSerializerOptions) ?? activators.GetActivator<T>().Create();
        grainState.ETag = record.ETag;
        grainState.RecordExists = true;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var etag = Guid.NewGuid().ToString("N");
        var data = JsonSerializer.Serialize(grainState.State, options.JsonSerializerOptions);
        if (!await store.WriteGrainStateAsync(new GrainStateRecord(grainId.ToString(), stateName, etag, data), grainState.ETag, cancellationToken))
        {
            throw Conflict<T>("write", stateName, grainId, grainState.ETag);
        }

        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        if (!await store.ClearGrainStateAsync(grainId.ToString(), stateName, grainState.ETag, cancellationToken))
        {
            throw Conflict<T>("clear", stateName, grainId, grainState.ETag);
        }

        Reset(grainState);
    }

    private void Reset<T>(IGrainState<T> grainState)
    {
        grainState.State = activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private InconsistentStateException Conflict<T>(string operation, string stateName, GrainId grainId, string? etag) =>
        new($"Grain storage '{name}' refused to {operation} state '{stateName}' ({typeof(T).Name}) of {grainId}: it was changed since etag '{etag ?? "none"}' was read.",
            storedEtag: null,
            currentEtag: etag);
}
