using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Storage;
using Actors.Grains.Messages;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;
using Actors.Grains.Payments;
using Actors.Grains.Payments.Commands;
using Actors.Grains.Tests.Hosting;
using Actors.PersonalData;

namespace Actors.Grains.Tests;

/// <summary>
/// Erasure of personal data (crypto-shredding): after <c>erase</c> no read of the grains shows a personal value written
/// before it, the journal as stored holds none in clear and the keys that sealed them are gone; the rest of the history stays.
/// </summary>
public abstract partial class ErasureTests(GrainCluster cluster) : GrainTests(cluster)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteGrainCluster cluster) : ErasureTests(cluster);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresGrainCluster cluster) : ErasureTests(cluster);

    private const string Card = "4111111111113333";
    private const string NewCard = "5555555555554444";

    /// <summary>A payment whose card number was set twice (create, then setCardNumber) and that was then tagged.</summary>
    private async Task<ActorKey> PaymentWithCardsAsync()
    {
        var key = NewKey("payment");
        await SendAsync(key, Msg("create", """{"amount":100,"currency":"SEK","cardNumber":"4111111111112222"}"""));
        await SendAsync(key, Msg("setCardNumber", $$"""{"cardNumber":"{{Card}}"}"""));
        await SendAsync(key, Msg("addTag", """{"key":"vip"}"""));
        return key;
    }

    [Fact]
    public async Task Personal_values_are_stored_sealed_and_read_in_clear_before_an_erasure()
    {
        var key = await PaymentWithCardsAsync();

        var stored = await StoredTextAsync(key);

        Assert.Equal(Card, (string?)(await QueryAsync(key))["cardNumber"]);
        Assert.DoesNotContain(Card, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("4111111111112222", stored, StringComparison.Ordinal);
        Assert.Contains("enc:v1:", stored, StringComparison.Ordinal);
        Assert.Contains(Card, JsonSerializer.Serialize(await Grain(key).ReadMutationSetsAsync(1, 100)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_an_erasure_no_read_shows_an_earlier_personal_value_nor_its_ciphertext_and_the_rest_stays()
    {
        var key = await PaymentWithCardsAsync();
        var sealedWith = KeyIds(await StoredTextAsync(key));

        EraseResult erased;
        using (ActingAs("dpo"))
        {
            erased = await Grain(key).EraseAsync("GDPR request 42");
        }

        Assert.True(erased.Success);
        Assert.Equal(4, erased.Version);
        Assert.Equal(["cardNumber"], erased.ErasedFields);
        var state = await QueryAsync(key);
        Assert.Null((string?)state["cardNumber"]);
        Assert.Equal("pending", (string?)state["paymentState"]);
        Assert.Equal(["vip"], state["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(100m, (decimal)state["amount"]!);

        var reads = await EveryReadAsync(key, versions: 4);
        AssertNoPersonalValue(reads, "4111111111112222", Card);

        // The journal as stored keeps the history and its ciphertext, but the keys that sealed it are destroyed.
        Assert.NotEmpty(sealedWith);
        Assert.Empty(await ((IDataKeyStore)Store).FindDataKeysAsync(sealedWith, CancellationToken.None));
        Assert.Equal(4, (await Store.ReadAsync(key, 0, long.MaxValue, 100, CancellationToken.None)).Count);

        // In a fresh activation too, rebuilt from the journal.
        await DeactivateAsync(key);
        AssertJson.Equal(state, await QueryAsync(key));
        AssertNoPersonalValue(await EveryReadAsync(key, versions: 4), "4111111111112222", Card);
    }

    [Fact]
    public async Task The_erase_checkpoint_carries_the_principal_the_reason_and_the_fields_and_is_audited()
    {
        var key = await PaymentWithCardsAsync();

        using (ActingAs("dpo"))
        {
            await Grain(key).EraseAsync("GDPR request 43");
        }

        var checkpoint = (await Grain(key).GetCheckpointsAsync())[^1];
        Assert.Equal("ERASE", checkpoint.Operation);
        Assert.Equal("dpo", checkpoint.Principal);
        Assert.Equal("GDPR request 43", checkpoint.Reason);
        Assert.Equal(["cardNumber"], checkpoint.Metadata!["erase"]!["fields"]!.AsArray().Select(f => (string?)f));
        var history = (await Grain(key).GetHistoryAsync(limit: 10)).Data[^1];
        Assert.Equal("ERASE", history.Operation);
        Assert.Equal("GDPR request 43", history.Reason);
        var audit = await Store.ReadAuditAsync(new AuditQuery(null, "payment", key.Id, null, null, null, 100, null), CancellationToken.None);
        var entry = Assert.Single(audit.Records, e => e.Operation == "erase");
        Assert.Equal("dpo", entry.Principal);
        Assert.Equal("GDPR request 43", entry.Reason);
        Assert.Contains(await Grain(key).GetActivityLogAsync(), a => a.Principal == "dpo" && a.Message.Contains("Erased personal data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_personal_value_written_after_the_erasure_is_kept_sealed_with_a_new_key_and_read_in_clear()
    {
        var key = await PaymentWithCardsAsync();
        var before = KeyIds(await StoredTextAsync(key));
        await Grain(key).EraseAsync("GDPR request 44");

        await TypedGrain<IPaymentActor>(key).SetCardNumberAsync(new SetCardNumber(NewCard));

        Assert.Equal(NewCard, (string?)(await QueryAsync(key))["cardNumber"]);
        var stored = await StoredTextAsync(key);
        Assert.DoesNotContain(NewCard, stored, StringComparison.Ordinal);
        var after = KeyIds(stored).Except(before).ToList();
        Assert.Single(after);
        Assert.Single(await ((IDataKeyStore)Store).FindDataKeysAsync(after, CancellationToken.None));
        await DeactivateAsync(key);
        Assert.Equal(NewCard, (string?)(await QueryAsync(key))["cardNumber"]);
        var reads = await EveryReadAsync(key, versions: 5);
        Assert.Contains(NewCard, reads, StringComparison.Ordinal);
        AssertNoPersonalValue(reads, "4111111111112222", Card);
    }

    [Fact]
    public async Task An_orders_customer_email_is_erased_and_its_lines_stay()
    {
        var key = NewKey("order");
        await SendAsync(key, Msg("create", """{"orderNumber":"9","currency":"SEK","customerEmail":"ada@example.com"}"""));
        await SendAsync(key, Msg("addOrderLine", """{"orderLineId":"l1","sku":"A","quantity":2,"unitPrice":9.95}"""));
        await TypedGrain<IOrderActor>(key).SetCustomerEmailAsync(new SetCustomerEmail("grace@example.com"));
        Assert.DoesNotContain("@example.com", await StoredTextAsync(key), StringComparison.Ordinal);

        var erased = await Grain(key).EraseAsync("customer asked");

        Assert.Equal(["customerEmail"], erased.ErasedFields);
        var state = await QueryEverythingAsync(key);
        Assert.Null((string?)state["customerEmail"]);
        Assert.Equal("A", (string?)state["lines"]![0]!["sku"]);
        AssertNoPersonalValue(await EveryReadAsync(key, versions: 4), "ada@example.com", "grace@example.com");
    }

    [Fact]
    public async Task An_actor_loaded_from_a_snapshot_sealed_before_the_erasure_reads_nothing_of_it()
    {
        var key = NewKey("payment");
        await SendAsync(Fixture.SnapshottingCluster.Client, key, Msg("create", $$"""{"amount":5,"currency":"SEK","cardNumber":"{{Card}}"}"""));
        await SendAsync(Fixture.SnapshottingCluster.Client, key, Msg("authorize"));
        await Fixture.SnapshottingCluster.DeactivateAsync(Fixture.SnapshottingCluster.Client.GetGrain<IActorGrain>(GrainId.Create(key.Type, key.Id)));
        var snapshot = await Store.FindSnapshotAsync(key, long.MaxValue, CancellationToken.None);
        Assert.NotNull(snapshot);
        Assert.DoesNotContain(Card, snapshot.State, StringComparison.Ordinal);

        await Grain(key).EraseAsync("snapshot test");
        await DeactivateAsync(key);

        Assert.Null((string?)(await QueryAsync(key))["cardNumber"]);
        AssertNoPersonalValue(await EveryReadAsync(key, versions: 3), Card);
    }

    [Fact]
    public async Task Erase_needs_an_existing_actor_a_reason_and_a_batch_of_its_own()
    {
        var key = await PaymentWithCardsAsync();

        await RefusedAsync(NewKey("payment"), ActorErrorKind.NotFound, Msg("erase", """{"reason":"r"}"""));
        await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("erase", "{}"));
        await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("erase", """{"reason":"  "}"""));
        await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg("addTag", """{"key":"x"}"""), Msg("erase", """{"reason":"r"}"""));
        await Assert.ThrowsAsync<MessageFailedException>(() => SendAsync(key, Msg("erase", """{"reason":"r"}"""), Msg("addTag", """{"key":"x"}""")));

        Assert.Equal(3, await Grain(key).GetVersionAsync());
        Assert.Equal(Card, (string?)(await QueryAsync(key))["cardNumber"]);
    }

    [Fact]
    public async Task A_type_without_personal_fields_can_be_erased_and_nothing_else_changes()
    {
        var key = NewKey("ticket");
        await SendAsync(key, Msg("create", """{"title":"Cannot log in","priority":"high"}"""));
        var before = await QueryEverythingAsync(key);

        var erased = await Grain(key).EraseAsync("nothing personal");

        Assert.Empty(erased.ErasedFields);
        var after = await QueryEverythingAsync(key);
        after["version"] = before["version"]!.DeepClone();
        AssertJson.Equal(before, after);
    }

    /// <summary>Every read of the actor through the grain, as one text: state, every version, history, diffs, checkpoints, activity, events.</summary>
    private async Task<string> EveryReadAsync(ActorKey key, long versions)
    {
        var grain = Grain(key);
        var reads = new List<object?>
        {
            await QueryEverythingAsync(key),
            await grain.GetHistoryAsync(limit: 100),
            await grain.GetCheckpointsAsync(),
            await grain.GetActivityLogAsync(),
            await grain.ReadMutationSetsAsync(1, 100),
            await grain.DiffAsync(new StatePointBody(null, 0, null), new StatePointBody(null, versions, null)),
        };
        for (var version = 1; version <= versions; version++)
        {
            reads.Add(await grain.GetStateJsonAsync(new StatePointBody(null, version, null)));
            reads.Add(await grain.DiffAsync(new StatePointBody(null, version - 1, null), new StatePointBody(null, version, null)));
        }

        // The event feed reads the journal through the decorator the silo's gateway uses, with its own key cache.
        var protectedStore = new ProtectedJournalStore(new PersonalDataProtector(Store, (IDataKeyStore)Store, ActorPersonalData.Catalog));
        var page = await protectedStore.ReadEventsAsync(new EventQuery(null, key.Type, key.Id, null, null, null, 100, null), CancellationToken.None);
        return string.Join('\n', reads.Select(r => JsonSerializer.Serialize(r))) + '\n' + JsonSerializer.Serialize(page);
    }

    /// <summary>The actor's rows as stored (journal and latest snapshot), without the protecting decorator.</summary>
    private async Task<string> StoredTextAsync(ActorKey key)
    {
        var sets = await Store.ReadAsync(key, 0, long.MaxValue, 1000, CancellationToken.None);
        var snapshot = await Store.FindSnapshotAsync(key, long.MaxValue, CancellationToken.None);
        return JsonSerializer.Serialize(sets) + JsonSerializer.Serialize(snapshot);
    }

    private static void AssertNoPersonalValue(string reads, params string[] values)
    {
        foreach (var value in values)
        {
            Assert.DoesNotContain(value, reads, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("enc:v1", reads, StringComparison.Ordinal);
    }

    private static List<Guid> KeyIds(string stored) =>
        [.. SealedValue().Matches(stored).Select(m => Guid.Parse(m.Groups[1].Value)).Distinct()];

    [GeneratedRegex("enc:v1:([0-9a-f]{32}):")]
    private static partial Regex SealedValue();
}
