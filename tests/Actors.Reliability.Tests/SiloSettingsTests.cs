using Actors.Torture;

namespace Actors.Reliability.Tests;

/// <summary>A silo process reads the settings beside its assembly, whichever folder it is started from.</summary>
public sealed class SiloSettingsTests
{
    [Fact]
    public async Task A_silo_started_from_another_folder_uses_its_own_appsettings()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var journal = Path.Combine(Path.GetTempPath(), $"actors-settings-{Guid.NewGuid():N}.db");

        // SiloProcess starts the silo in an empty temporary working directory, far from silo/bin/.../appsettings.json.
        await using var silo = await SiloProcess.StartAsync(new Dictionary<string, string> { ["Actors__Sqlite__Path"] = journal }, limit.Token);
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/resources/actors/order/settings-check")
        {
            Content = new StringContent("""[{"type":"create","body":{"currency":"SEK"}}]""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", "dev-admin");
        var answer = await http.SendAsync(request, limit.Token);

        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);

        // appsettings.json sets Microsoft.AspNetCore and Orleans to Warning: without it every request logged two lines and
        // Orleans printed its whole configuration at Information.
        Assert.DoesNotContain("Request starting", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Orleans.Runtime.SiloOptionsLogger", silo.Output, StringComparison.Ordinal);
        Assert.Contains("Journal store: SQLite", silo.Output, StringComparison.Ordinal);
    }
}
