using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Actors.Tests.Shared;

namespace Actors.Gateway.Tests;

/// <summary>Two silos on one PostgreSQL database: what a client sees while one of them stops gracefully.</summary>
public sealed class SiloStopTests : IAsyncLifetime
{
    /// <summary>A hang guard only: a stream that does not end before the host's own shutdown timeout fails differently.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private PostgresTestDatabase? _database;
    private TestSilo? _stopping;
    private TestSilo? _staying;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync("actors_silo_stop");
        var settings = TestTokens.Configuration();
        settings["ConnectionStrings:Postgres"] = _database.ConnectionString;
        settings["Actors:Gateway:ShutdownDrain"] = "00:00:01";
        _stopping = await TestSilo.StartAsync(settings);
        _staying = await TestSilo.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in new[] { _stopping, _staying })
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
            }
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_following_replay_ends_when_its_silo_stops_and_resumes_on_another_silo_with_last_event_id()
    {
        var id = $"stop-{Guid.NewGuid():N}";
        var api = new ActorsClient(_staying!.Http);
        (await api.BatchAsync("order", id, """[{"type":"create","body":{"currency":"SEK"}}]""")).Ok();
        using var guard = new CancellationTokenSource(HangGuard);
        using var response = await OpenReplayAsync(_stopping!.Http, id, lastEventId: null, guard.Token);
        using var stream = new SseReader(await response.Content.ReadAsStreamAsync(guard.Token));
        var first = await stream.NextAsync(guard.Token);

        var stop = _stopping.App.StopAsync(guard.Token);
        var end = await stream.NextOrEndAsync(guard.Token);
        await stop.WaitAsync(guard.Token);

        (await api.BatchAsync("order", id, """[{"type":"addTag","body":{"key":"after-stop"}}]""")).Ok();
        using var resumed = await OpenReplayAsync(_staying.Http, id, first.Id, guard.Token);
        using var elsewhere = new SseReader(await resumed.Content.ReadAsStreamAsync(guard.Token));
        var next = await elsewhere.NextAsync(guard.Token);

        Assert.Equal("1", first.Id);
        Assert.Null(end);
        Assert.NotNull(stream.Retry);
        Assert.Equal("2", next.Id);
        Assert.Equal("after-stop", (string)next.Data["events"]![0]!["data"]!["key"]!);
    }

    [Fact]
    public async Task A_stopping_silo_is_not_ready_and_closes_each_connection_after_its_answer()
    {
        var id = $"drain-{Guid.NewGuid():N}";
        var api = new ActorsClient(_stopping!.Http);

        _stopping.App.Lifetime.StopApplication();
        var ready = await api.GetAsync("/health/ready", null);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/resources/actors/order/{id}")
        {
            Content = new StringContent("""[{"type":"create","body":{"currency":"SEK"}}]""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Admin);
        using var answer = await _stopping.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("stopping", (string?)ready.Body?["status"]);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(answer.Headers.ConnectionClose);
    }

    private static async Task<HttpResponseMessage> OpenReplayAsync(HttpClient http, string id, string? lastEventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/resources/actors/order/{id}/replay?follow=true");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Admin);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        return response;
    }
}
