using System.Net;

namespace Actors.Gateway.Tests;

/// <summary>The Orleans Dashboard at /dashboard: for operators only, with <c>admin</c> on every actor type.</summary>
[Collection(SqliteSiloCollection.Name)]
public sealed class DashboardTests(SqliteSiloFixture silo)
{
    private readonly ActorsClient _api = new(silo.Http);

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/ClusterStats")]
    public async Task The_dashboard_needs_a_token_with_admin(string path)
    {
        var none = await _api.GetAsync(path, token: null);
        var reader = await _api.GetAsync(path, TestTokens.Reader);
        var ticketsOnly = await _api.GetAsync(path, TestTokens.TicketOnly);
        var admin = await _api.GetAsync(path, TestTokens.Admin);

        none.Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("actors/*:admin", (string?)reader.Problem(HttpStatusCode.Forbidden)["permission"]);
        Assert.Equal("actors/*:admin", (string?)ticketsOnly.Problem(HttpStatusCode.Forbidden)["permission"]);
        Assert.Equal(HttpStatusCode.OK, admin.Status);
    }

    [Fact]
    public async Task The_dashboard_shows_this_silo_s_cluster()
    {
        var stats = await _api.GetAsync("/dashboard/DashboardCounters");

        Assert.Equal(HttpStatusCode.OK, stats.Status);
        Assert.True((int)stats.Json["totalActiveHostCount"]! >= 1, stats.Raw);
    }
}
