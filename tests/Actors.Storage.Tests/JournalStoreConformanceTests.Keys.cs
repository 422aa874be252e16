using System.Security.Cryptography;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;

namespace Actors.Storage.Tests;

/// <summary>Data keys and erasing appends: what crypto-shredding needs from every store.</summary>
public abstract partial class JournalStoreConformanceTests
{
    /// <summary>A value the tests write "in clear", as journals written before personal values were sealed hold them.</summary>
    private const string InClear = "clear-4111111111111111";

    private IDataKeyStore Keys => (IDataKeyStore)Store;

    [Fact]
    public async Task The_first_key_of_an_actor_is_stored_and_every_later_caller_gets_it()
    {
        var actor = NewActor();
        var first = NewKey(actor);

        var created = await Keys.GetOrCreateDataKeyAsync(first, Ct);
        var again = await Keys.GetOrCreateDataKeyAsync(NewKey(actor), Ct);

        AssertSameKey(first, created);
        AssertSameKey(first, again);
    }

    [Fact]
    public async Task Callers_racing_to_create_an_actors_first_key_all_get_the_same_one()
    {
        var actor = NewActor();

        var keys = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Keys.GetOrCreateDataKeyAsync(NewKey(actor), Ct))).WaitAsync(Ct);

        Assert.Single(keys.Select(k => k.KeyId).Distinct());
        Assert.Single(keys.Select(k => Convert.ToHexString(k.Material.Span)).Distinct());
    }

    [Fact]
    public async Task Keys_of_many_actors_are_found_in_one_read_without_destroyed_or_unknown_ones()
    {
        var actors = Enumerable.Range(0, 30).Select(_ => NewActor()).ToList();
        var keys = new List<DataKey>();
        foreach (var actor in actors)
        {
            keys.Add(await Keys.GetOrCreateDataKeyAsync(NewKey(actor), Ct));
        }

        await Keys.DestroyDataKeysAsync(actors[3], Ct);
        var unknown = Guid.NewGuid();

        var found = await Keys.FindDataKeysAsync([.. keys.Select(k => k.KeyId), unknown, keys[0].KeyId], Ct);

        var expected = keys.Where(k => k.Actor != actors[3]).ToList();
        Assert.Equal(expected.Count, found.Count);
        foreach (var key in expected)
        {
            AssertSameKey(key, Assert.Single(found, f => f.KeyId == key.KeyId));
        }

        Assert.Empty(await Keys.FindDataKeysAsync([], Ct));
    }

    [Fact]
    public async Task Destroying_an_actors_keys_leaves_other_actors_alone_and_its_next_key_has_a_new_id()
    {
        var (actor, other) = (NewActor(), NewActor());
        var key = await Keys.GetOrCreateDataKeyAsync(NewKey(actor), Ct);
        var otherKey = await Keys.GetOrCreateDataKeyAsync(NewKey(other), Ct);

        Assert.Equal(1, await Keys.DestroyDataKeysAsync(actor, Ct));
        Assert.Equal(0, await Keys.DestroyDataKeysAsync(actor, Ct));

        Assert.Empty(await Keys.FindDataKeysAsync([key.KeyId], Ct));
        AssertSameKey(otherKey, Assert.Single(await Keys.FindDataKeysAsync([otherKey.KeyId], Ct)));
        var next = NewKey(actor);
        AssertSameKey(next, await Keys.GetOrCreateDataKeyAsync(next, Ct));
        Assert.NotEqual(key.KeyId, next.KeyId);
    }

    [Fact]
    public async Task An_append_sealed_with_a_destroyed_key_is_refused_and_writes_nothing()
    {
        var actor = NewActor();
        var key = await Keys.GetOrCreateDataKeyAsync(NewKey(actor), Ct);
        await Store.AppendAsync(new AppendRequest(MutationSet(actor, 1)) { DataKeyId = key.KeyId }, Ct);
        await Keys.DestroyDataKeysAsync(actor, Ct);

        var refused = new AppendRequest(MutationSet(actor, 2), new SnapshotRecord(actor, 2, "{}"), new IdempotencyRecord("k2", "h", 2, "[]"))
        {
            DataKeyId = key.KeyId,
        };
        var error = await Assert.ThrowsAsync<DataKeyDestroyedException>(() => Store.AppendAsync(refused, Ct));

        Assert.Equal((actor, key.KeyId), (error.Actor, error.KeyId));
        Assert.Equal(1, await Store.GetVersionAsync(actor, Ct));
        Assert.Null(await Store.FindSnapshotAsync(actor, 2, Ct));
        Assert.Null(await Store.FindIdempotencyAsync(actor, "k2", Ct));
        var conflict = new AppendRequest(MutationSet(actor, 1)) { DataKeyId = key.KeyId };
        await Assert.ThrowsAsync<VersionConflictException>(() => Store.AppendAsync(conflict, Ct));
    }

    [Fact]
    public async Task Concurrent_appends_commit_except_the_one_sealed_with_a_destroyed_key()
    {
        var actors = Enumerable.Range(0, 8).Select(_ => NewActor()).ToList();
        var keys = new List<DataKey>();
        foreach (var actor in actors)
        {
            keys.Add(await Keys.GetOrCreateDataKeyAsync(NewKey(actor), Ct));
        }

        await Keys.DestroyDataKeysAsync(actors[5], Ct);

        var appends = actors.Select((actor, i) => Store.AppendAsync(new AppendRequest(MutationSet(actor, 1)) { DataKeyId = keys[i].KeyId }, Ct)).ToList();
        await Task.WhenAll(appends.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(Ct);

        for (var i = 0; i < actors.Count; i++)
        {
            if (i == 5)
            {
                await Assert.ThrowsAsync<DataKeyDestroyedException>(() => appends[i]);
                Assert.Equal(0, await Store.GetVersionAsync(actors[i], Ct));
            }
            else
            {
                await appends[i];
                Assert.Equal(1, await Store.GetVersionAsync(actors[i], Ct));
            }
        }
    }

    [Fact]
    public async Task An_erasing_append_purges_the_actors_documents_and_destroys_its_keys_in_its_transaction()
    {
        var (actor, other) = (NewActor(), NewActor());
        await AppendWithValuesInClearAsync(actor);
        await AppendWithValuesInClearAsync(other);
        var key = await Keys.GetOrCreateDataKeyAsync(NewKey(actor), Ct);
        var otherKey = await Keys.GetOrCreateDataKeyAsync(NewKey(other), Ct);

        await Store.AppendAsync(ErasingAppend(actor, 3), Ct);

        Assert.Equal(3, await Store.GetVersionAsync(actor, Ct));
        Assert.Empty(await Keys.FindDataKeysAsync([key.KeyId], Ct));
        Assert.Single(await Keys.FindDataKeysAsync([otherKey.KeyId], Ct));
        var (events, metadata, snapshot, answer) = await DocumentsAsync(actor);
        Assert.All([events, metadata, snapshot, answer], document => Assert.DoesNotContain(InClear, document, StringComparison.Ordinal));
        Assert.Contains("purged", events, StringComparison.Ordinal);
        Assert.Contains("purged", snapshot, StringComparison.Ordinal);
        Assert.Contains("purged", answer, StringComparison.Ordinal);
        var (otherEvents, otherMetadata, otherSnapshot, otherAnswer) = await DocumentsAsync(other);
        Assert.All([otherEvents, otherMetadata, otherSnapshot, otherAnswer], document => Assert.Contains(InClear, document, StringComparison.Ordinal));
        Assert.Equal("ERASE", (await Store.ReadAsync(actor, 2, 3, 1, Ct))[0].Operation);
    }

    [Fact]
    public async Task An_erasing_append_that_loses_the_race_purges_nothing_and_keeps_the_keys()
    {
        var actor = NewActor();
        await AppendWithValuesInClearAsync(actor);
        var key = await Keys.GetOrCreateDataKeyAsync(NewKey(actor), Ct);

        await Assert.ThrowsAsync<VersionConflictException>(() => Store.AppendAsync(ErasingAppend(actor, 2), Ct));

        Assert.Equal(2, await Store.GetVersionAsync(actor, Ct));
        Assert.Single(await Keys.FindDataKeysAsync([key.KeyId], Ct));
        var (events, _, snapshot, answer) = await DocumentsAsync(actor);
        Assert.All([events, snapshot, answer], document => Assert.Contains(InClear, document, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_erasing_append_purges_compliance_snapshot_data_only_when_the_journal_held_values_in_clear()
    {
        var (cleared, sealedOnly) = (NewActor(), NewActor());
        await AppendWithValuesInClearAsync(cleared);
        await AppendVersionsAsync(sealedOnly, 2);
        var data = (ISnapshotDataStore)Store;
        var snapshotId = $"s-{Guid.NewGuid():N}";
        await data.WriteSnapshotChunkAsync(snapshotId, 0, $$"""{"orderId":"{{cleared.Id}}","customerEmail":"{{InClear}}"}""" + "\n", Ct);
        await data.WriteSnapshotChunkAsync(snapshotId, 1, $$"""{"orderId":"{{sealedOnly.Id}}","customerEmail":"{{InClear}}"}""" + "\n", Ct);

        await Store.AppendAsync(ErasingAppend(cleared, 3), Ct);
        await Store.AppendAsync(ErasingAppend(sealedOnly, 3), Ct);

        Assert.DoesNotContain(InClear, await data.ReadSnapshotChunkAsync(snapshotId, 0, Ct), StringComparison.Ordinal);
        Assert.Contains(InClear, await data.ReadSnapshotChunkAsync(snapshotId, 1, Ct), StringComparison.Ordinal);
    }

    private static DataKey NewKey(ActorKey actor) => new(Guid.NewGuid(), actor, RandomNumberGenerator.GetBytes(DataKey.Length));

    private static void AssertSameKey(DataKey expected, DataKey actual)
    {
        Assert.Equal(expected.KeyId, actual.KeyId);
        Assert.Equal(expected.Actor, actual.Actor);
        Assert.Equal(expected.Material.ToArray(), actual.Material.ToArray());
    }

    /// <summary>Versions 1 and 2, the second with a snapshot and an idempotency record; every document holds <see cref="InClear"/>.</summary>
    private async Task AppendWithValuesInClearAsync(ActorKey actor)
    {
        var value = $$"""{"cardNumber":"{{InClear}}"}""";
        await Store.AppendAsync(new AppendRequest(MutationSet(actor, 1) with
        {
            Events = $$"""[{"type":"Payment.Created","data":{{value}}}]""",
            Metadata = $$"""{"commands":[{"type":"create","cardNumber":"{{InClear}}"}]}""",
        }), Ct);
        await Store.AppendAsync(
            new AppendRequest(
                MutationSet(actor, 2),
                new SnapshotRecord(actor, 2, value),
                new IdempotencyRecord($"k-{actor.Id}", "h", 2, $$"""[{"type":"query","result":{{value}}}]""")),
            Ct);
    }

    private static AppendRequest ErasingAppend(ActorKey actor, long version) =>
        new(MutationSet(actor, version) with { Operation = "ERASE", Events = """[{"type":"Payment.PersonalDataErased","data":{"fields":["cardNumber"]}}]""" })
        {
            Erasure = new PersonalDataErasure
            {
                PurgeDocument = Purge,
                SnapshotDataNeedle = $"\"orderId\":\"{actor.Id}\"",
                PurgeSnapshotChunk = Purge,
            },
        };

    /// <summary>What a real purge does, by text: the value in clear goes, the document stays valid JSON.</summary>
    private static string? Purge(string document) =>
        document.Contains(InClear, StringComparison.Ordinal) ? document.Replace(InClear, "purged", StringComparison.Ordinal) : null;

    private async Task<(string Events, string Metadata, string Snapshot, string Answer)> DocumentsAsync(ActorKey actor)
    {
        var first = (await Store.ReadAsync(actor, 0, 1, 1, Ct))[0];
        var snapshot = await Store.FindSnapshotAsync(actor, 2, Ct);
        var answer = await Store.FindIdempotencyAsync(actor, $"k-{actor.Id}", Ct);
        return (first.Events, first.Metadata, snapshot!.State, answer!.Response);
    }
}
