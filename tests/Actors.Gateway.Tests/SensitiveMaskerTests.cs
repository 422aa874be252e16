using System.Text.Json.Nodes;
using Actors.Abstractions.Security;

namespace Actors.Gateway.Tests;

public sealed class SensitiveMaskerTests
{
    private static readonly HashSet<string> Card = ["cardNumber"];

    [Fact]
    public void A_changed_sensitive_field_in_a_diff_keeps_its_shape_with_both_values_masked()
    {
        var diff = JsonNode.Parse("""{"added":{},"changed":{"cardNumber":{"from":"4111111111111111","to":"5500000000000004"}},"removed":{}}""");

        var masked = SensitiveMasker.Mask(diff, Card)!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"from":"****1111","to":"****0004"}"""), masked["changed"]!["cardNumber"]));
    }

    [Fact]
    public void A_pending_change_whose_path_names_a_sensitive_field_is_masked()
    {
        var changes = JsonNode.Parse("""[{"path":"/cardNumber","operation":"replace","before":"4111111111111111","after":null},{"path":"/amount","operation":"add","before":null,"after":10}]""");

        var masked = SensitiveMasker.Mask(changes, Card)!.AsArray();

        Assert.Equal("****1111", (string)masked[0]!["before"]!);
        Assert.Null(masked[0]!["after"]);
        Assert.Equal(10, (int)masked[1]!["after"]!);
    }
}
