using Actors.Abstractions;
using Actors.Abstractions.Errors;
using Actors.Abstractions.Messages;
using Actors.Grains.Tests.Hosting;

namespace Actors.Grains.Tests.Assets;

public abstract class AssetTests(GrainCluster cluster) : GrainTests(cluster)
{
    [Collection(SqliteCollection.Name)]
    public sealed class OnSqlite(SqliteGrainCluster cluster) : AssetTests(cluster);

    [Collection(PostgresCollection.Name)]
    public sealed class OnPostgres(PostgresGrainCluster cluster) : AssetTests(cluster);

    private async Task<ActorKey> NewAssetAsync(params ActorMessage[] then)
    {
        var key = NewKey("asset");
        await SendAsync(key, [Msg("create", """{"name":"Laptop 42","assetType":"laptop"}"""), .. then]);
        return key;
    }

    [Fact]
    public async Task Create_starts_an_active_asset_with_no_location_custodian_or_attributes()
    {
        var key = NewKey("asset");

        await SendAsync(key, Msg("create", """{"name":"Laptop 42","assetType":"laptop"}"""));

        AssertJson.Equal(
            $$"""
            {"assetId":"{{key.Id}}","assetState":"active","name":"Laptop 42","assetType":"laptop","location":null,
             "custodian":null,"attributes":{},"tags":[],"deleted":false,"version":1}
            """,
            await QueryAsync(key));
    }

    [Theory]
    [InlineData("""{"assetType":"laptop"}""", "name")]
    [InlineData("""{"name":"Laptop 42","assetType":""}""", "assetType")]
    public async Task An_asset_without_name_or_type_is_invalid(string body, string field)
    {
        var refusal = await RefusedAsync(NewKey("asset"), ActorErrorKind.InvalidMessage, Msg("create", body));

        Assert.Contains($"'{field}'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Move_sets_the_location()
    {
        var key = await NewAssetAsync();

        await SendAsync(key, Msg("move", """{"location":"Stockholm"}"""), Msg("move", """{"location":"Oslo"}"""));

        Assert.Equal("Oslo", (string?)(await QueryAsync(key))["location"]);
    }

    [Fact]
    public async Task Assign_custodian_sets_the_custodian()
    {
        var key = await NewAssetAsync();

        await SendAsync(key, Msg("assignCustodian", """{"custodian":"grace"}"""));

        Assert.Equal("grace", (string?)(await QueryAsync(key))["custodian"]);
    }

    [Fact]
    public async Task Set_attribute_adds_or_replaces_one_attribute_and_keeps_keys_in_ordinal_order()
    {
        var key = await NewAssetAsync();

        await SendAsync(
            key,
            Msg("setAttribute", """{"key":"serial","value":"X1"}"""),
            Msg("setAttribute", """{"key":"Colour","value":"grey"}"""),
            Msg("setAttribute", """{"key":"serial","value":"X2"}"""),
            Msg("setAttribute", """{"key":"note","value":""}"""));

        var attributes = (await QueryAsync(key))["attributes"]!.AsObject();
        AssertJson.Equal("""{"Colour":"grey","note":"","serial":"X2"}""", attributes);
        Assert.Equal(["Colour", "note", "serial"], attributes.Select(p => p.Key));
    }

    [Theory]
    [InlineData("move", """{}""", "location")]
    [InlineData("assignCustodian", """{"custodian":" "}""", "custodian")]
    [InlineData("setAttribute", """{"value":"x"}""", "key")]
    [InlineData("setAttribute", """{"key":"k"}""", "value")]
    [InlineData("setAttribute", """{"key":"k","value":5}""", "value")]
    public async Task A_malformed_asset_command_is_invalid_and_names_the_field(string type, string body, string field)
    {
        var key = await NewAssetAsync();

        var refusal = await RefusedAsync(key, ActorErrorKind.InvalidMessage, Msg(type, body));

        Assert.Contains($"'{field}'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_active_asset_can_be_retired()
    {
        var key = await NewAssetAsync();

        await SendAsync(key, Msg("retire"));

        Assert.Equal("retired", (string?)(await QueryAsync(key))["assetState"]);
    }

    [Theory]
    [InlineData("move", """{"location":"Oslo"}""")]
    [InlineData("assignCustodian", """{"custodian":"grace"}""")]
    [InlineData("setAttribute", """{"key":"k","value":"v"}""")]
    [InlineData("retire", """{}""")]
    public async Task A_retired_asset_takes_no_more_changes(string type, string body)
    {
        var key = await NewAssetAsync(Msg("retire"));

        var refusal = await RefusedAsync(key, ActorErrorKind.BusinessRule, Msg(type, body));

        Assert.Contains("'assetState' is 'retired'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asset_events_replay_to_the_same_state_after_deactivation()
    {
        var key = await NewAssetAsync(
            Msg("move", """{"location":"Stockholm"}"""),
            Msg("assignCustodian", """{"custodian":"grace"}"""),
            Msg("setAttribute", """{"key":"serial","value":"X1"}"""),
            Msg("setAttribute", """{"key":"Colour","value":"grey"}"""));
        await SendAsync(key, Msg("retire"));

        await AssertReplaysAsync(key);
    }
}
