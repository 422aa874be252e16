using System.Text.Json.Nodes;

namespace Actors.OpenApi.Tests;

/// <summary>The served document through tools from outside the project: Redocly CLI (a linter) and openapi-typescript (a generator).</summary>
[Collection(SiloCollection.Name)]
public sealed class OutsideToolTests(SiloFixture silo)
{
    [Fact]
    public async Task Redocly_lint_accepts_the_served_document()
    {
        Assert.Equal("2.77.0", await Redocly.VersionAsync());
        var document = await silo.Http.GetStringAsync("/openapi/v1.json");

        var (exitCode, output) = await Redocly.LintAsync(document, "openapi.json");

        Assert.True(exitCode == 0, $"redocly lint refused the document:\n{output}");
        Assert.Contains("Your API description is valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Openapi_typescript_generates_types_for_every_actor_type_s_messages()
    {
        var document = await silo.Http.GetStringAsync("/openapi/v1.json");

        var (exitCode, output, types) = await Redocly.GenerateTypeScriptAsync(document);

        Assert.True(exitCode == 0, $"openapi-typescript failed:\n{output}");
        Assert.Contains("\"/resources/actors/order/{id}\": {", types, StringComparison.Ordinal);
        foreach (var type in Actors.Grains.ActorTypes.All.All)
        {
            // The batch's union: one member per message of the type.
            var union = types.Split('\n').Single(line => line.TrimStart().StartsWith($"{type.EventPrefix}Message:", StringComparison.Ordinal));
            Assert.Equal(type.Messages.Count, union.Split(" | ").Length);
        }
    }

    [Fact]
    public async Task Redocly_lint_refuses_a_broken_document()
    {
        var document = JsonNode.Parse(await silo.Http.GetStringAsync("/openapi/v1.json"))!;
        // Break it the ways a hand edit or a generator bug would: a dangling reference and a parameter in no valid place.
        document["components"]!["schemas"]!["OrderBatch"]!["items"]!["$ref"] = "#/components/schemas/NoSuchMessage";
        document["paths"]!["/resources/version"]!["get"]!["parameters"]![0]!["in"] = "body";

        // The same file name as the valid document, so the same known exceptions apply and only the breakage is reported.
        var (exitCode, output) = await Redocly.LintAsync(document.ToJsonString(), "openapi.json");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("no-unresolved-refs", output, StringComparison.Ordinal);
        Assert.Contains("struct", output, StringComparison.Ordinal);
        Assert.DoesNotContain("info-license", output, StringComparison.Ordinal);
    }
}
