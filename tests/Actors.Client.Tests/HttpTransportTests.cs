using System.Net;
using System.Text.Json.Nodes;
using Actors.Abstractions.Errors;
using Actors.Client.Transport;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;
using Actors.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Client.Tests;

/// <summary>What only the HTTP transport does: tokens, retries with one idempotency key, and a silo that stays down.</summary>
[Collection(SiloCollection.Name)]
public sealed class HttpTransportTests(SiloFixture fixture) : IAsyncLifetime
{
    private static readonly ActorsHttpOptions NoWaiting = new() { InitialBackoff = TimeSpan.Zero };

    private readonly List<ServiceProvider> _providers = [];

    /// <summary>A client from IHttpClientFactory (AddActorsHttpClient, with its resilience pipeline) whose requests go through <paramref name="handler"/>.</summary>
    private ActorsClient Through(FaultyHandler handler, ActorsHttpOptions? options = null)
    {
        var services = new ServiceCollection();
        services.AddActorsHttpClient(fixture.BaseAddress, TestPrincipal.Admin.Token, options ?? NoWaiting)
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ActorsClient>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }

    private static string NewId() => $"ord-{Guid.NewGuid():N}";

    [Fact]
    public async Task An_unknown_token_is_unauthorized()
    {
        await using var client = ActorsClient.Http(fixture.BaseAddress, "not-a-token-at-all");

        var refused = await Assert.ThrowsAsync<ActorUnauthorizedException>(() => client.GetActor<IOrderActor>("o1").QueryAsync());

        Assert.Equal((401, "urn:actors:problem:unauthorized"), (refused.Status, refused.ProblemType));
    }

    [Fact]
    public async Task A_lost_response_is_retried_with_the_same_idempotency_key_and_applied_once()
    {
        using var handler = new FaultyHandler(attempt => attempt == 2 ? FaultyHandler.Fault.LoseResponse : FaultyHandler.Fault.None);
        await using var client = Through(handler);
        var order = client.GetActor<IOrderActor>(NewId());

        await order.Batch().Create(new CreateOrder(null, "SEK", null)).SendAsync();
        var tagged = await order.Batch().AddTag("once").SendAsync();

        Assert.True(tagged.Replayed);
        Assert.Equal(2, tagged.Version);
        Assert.Equal(3, handler.IdempotencyKeys.Count);
        Assert.NotNull(handler.IdempotencyKeys[1]);
        Assert.Equal(handler.IdempotencyKeys[1], handler.IdempotencyKeys[2]);
        Assert.NotEqual(handler.IdempotencyKeys[0], handler.IdempotencyKeys[1]);
        Assert.Equal(2, (await order.GetCheckpointsAsync().ToListAsync()).Count);
    }

    [Fact]
    public async Task A_real_server_that_answers_503_then_drops_the_connection_sees_one_key_and_the_batch_applies_once()
    {
        await using var direct = fixture.Client(TestPrincipal.Admin);
        var id = NewId();
        await direct.GetActor<IOrderActor>(id).Batch().Create(new CreateOrder(null, "SEK", null)).SendAsync();
        await using var front = await FlakyFrontServer.StartAsync(fixture.BaseAddress, attempt => attempt switch
        {
            1 => FlakyFrontServer.Fault.ServiceUnavailable,
            2 => FlakyFrontServer.Fault.DropAfterForwarding,
            _ => FlakyFrontServer.Fault.None,
        });
        await using var client = ActorsClient.Http(front.BaseAddress, TestPrincipal.Admin.Token, NoWaiting);

        var tagged = await client.GetActor<IOrderActor>(id).Batch().AddTag("once").SendAsync();

        Assert.Equal(3, front.Attempts.Count);
        Assert.NotNull(front.Attempts[0].IdempotencyKey);
        Assert.Single(front.Attempts.Select(a => a.IdempotencyKey).Distinct());
        // Retry-After: 1 was honoured although the backoff asks for no wait at all.
        Assert.True(front.Attempts[1].At - front.Attempts[0].At >= TimeSpan.FromMilliseconds(950), $"{front.Attempts[1].At - front.Attempts[0].At}");
        Assert.True(tagged.Replayed);
        Assert.Equal(2, tagged.Version);
        var checkpoints = await direct.GetActor<IOrderActor>(id).GetCheckpointsAsync().ToListAsync();
        Assert.Equal(2, checkpoints.Count);
    }

    [Fact]
    public async Task The_pipeline_repeats_a_post_only_with_an_idempotency_key_or_marked_as_changing_nothing()
    {
        await using var front = await FlakyFrontServer.StartAsync(fixture.BaseAddress, _ => FlakyFrontServer.Fault.ServiceUnavailable, retryAfterSeconds: 0);
        var options = new ActorsHttpOptions { MaxRetries = 2, InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero };
        using var http = new HttpClient(ActorsHttpResilience.CreateHandler(options, new SocketsHttpHandler())) { BaseAddress = front.BaseAddress };
        HttpRequestMessage Post(string? key, bool changesNothing = false)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"resources/actors/order/{NewId()}") { Content = new StringContent("[]") };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            if (changesNothing)
            {
                request.Options.Set(ActorsHttpResilience.ChangesNothing, true);
            }

            return request;
        }

        using (var withoutKey = Post(null))
        using (var answer = await http.SendAsync(withoutKey))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        }

        Assert.Single(front.Attempts);
        using (var withKey = Post("k-1"))
        using (var answer = await http.SendAsync(withKey))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        }

        Assert.Equal(["k-1", "k-1", "k-1"], front.Attempts.Skip(1).Select(a => a.IdempotencyKey));
        using (var preview = Post(null, changesNothing: true))
        using (var answer = await http.SendAsync(preview))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        }

        using (var get = new HttpRequestMessage(HttpMethod.Get, "health/ready"))
        using (var answer = await http.SendAsync(get))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        }

        Assert.Equal(1 + 3 + 3 + 3, front.Attempts.Count);
        Assert.Equal(["POST", "POST", "POST", "GET", "GET", "GET"], front.Attempts.Skip(4).Select(a => a.Method));
    }

    [Fact]
    public async Task A_503_is_retried_and_reads_carry_no_idempotency_key()
    {
        using var handler = new FaultyHandler(attempt => attempt <= 2 ? FaultyHandler.Fault.ServiceUnavailable : FaultyHandler.Fault.None);
        await using var client = Through(handler);
        var order = client.GetActor<IOrderActor>(NewId());

        var refused = await Assert.ThrowsAsync<ActorRefusedException>(() => order.QueryAsync());

        Assert.Equal(404, refused.Status);
        Assert.Equal([null, null, null], handler.IdempotencyKeys);
    }

    [Fact]
    public async Task A_silo_that_stays_unavailable_ends_in_a_typed_exception_after_the_bounded_retries()
    {
        using var handler = new FaultyHandler(_ => FaultyHandler.Fault.ServiceUnavailable);
        await using var client = Through(handler, new ActorsHttpOptions { MaxRetries = 2, InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero });

        var down = await Assert.ThrowsAsync<ActorStorageUnavailableException>(
            () => client.GetActor<IOrderActor>(NewId()).Batch().Create(new CreateOrder(null, "SEK", null)).SendAsync());

        Assert.Equal(3, handler.IdempotencyKeys.Count);
        Assert.Single(handler.IdempotencyKeys.Distinct());
        Assert.Equal(TimeSpan.FromSeconds(2), down.RetryAfter);
        Assert.Equal(503, down.Status);
    }

    [Fact]
    public async Task A_preview_sends_no_idempotency_key()
    {
        using var handler = new FaultyHandler(_ => FaultyHandler.Fault.None);
        await using var client = Through(handler);
        var order = client.GetActor<IOrderActor>(NewId());
        await order.Batch().Create(new CreateOrder(null, "SEK", null)).SendAsync();

        await using var preview = order.Preview();
        await preview.SendAsync(ActorCommand.AddTag("p"));

        Assert.NotNull(handler.IdempotencyKeys[0]);
        Assert.Null(handler.IdempotencyKeys[1]);
    }

    [Fact]
    public async Task A_replay_cut_in_the_middle_resumes_with_last_event_id_without_gaps_or_duplicates()
    {
        await using var direct = fixture.Client(TestPrincipal.Admin);
        var order = direct.GetActor<IOrderActor>(NewId());
        await order.Batch().Create(new CreateOrder(null, "SEK", null)).SendAsync();
        for (var i = 0; i < 3; i++)
        {
            await order.SendAsync(ActorCommand.AddTag($"t{i}"));
        }

        await using var proxy = new TcpProxy(fixture.BaseAddress.Host, fixture.BaseAddress.Port);
        using var handler = new LastEventIdHandler();
        await using var client = ActorsClient.Http(
            new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{proxy.Port}/") }, TestPrincipal.Admin.Token, NoWaiting);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<long>();
        await using (var stream = client.GetActor<IOrderActor>(order.Key.Id).ReplayAsync(follow: true, cancellationToken: stop.Token).GetAsyncEnumerator())
        {
            while (seen.Count < 4)
            {
                Assert.True(await stream.MoveNextAsync());
                seen.Add(stream.Current.Version);
            }

            // The cut: every connection through the proxy is dropped; versions 5 and 6 commit while the stream is down.
            proxy.Stop();
            await order.SendAsync(ActorCommand.AddTag("while-cut"));
            proxy.Resume();
            await order.SendAsync(ActorCommand.AddTag("after"));
            while (seen.Count < 6)
            {
                Assert.True(await stream.MoveNextAsync());
                seen.Add(stream.Current.Version);
            }
        }

        Assert.Equal([1L, 2, 3, 4, 5, 6], seen);
        Assert.Equal([null, "4"], handler.LastEventIds.Take(2));
    }

    [Fact]
    public void A_reused_idempotency_key_is_told_by_its_problem_type_not_its_detail()
    {
        var reused = new JsonObject { ["type"] = "urn:actors:problem:idempotency-key-reused", ["status"] = 422, ["detail"] = "That key was used for another batch." };
        var rule = new JsonObject { ["type"] = "urn:actors:problem:business-rule", ["status"] = 422, ["detail"] = "Idempotency-Key text in a business rule." };

        var fromType = Assert.IsType<ActorRefusedException>(ProblemDetails.ToException(422, reused));
        var fromRule = Assert.IsType<ActorRefusedException>(ProblemDetails.ToException(422, rule));

        Assert.Equal(ActorErrorKind.IdempotencyKeyReused, fromType.Kind);
        Assert.Equal(ActorErrorKind.BusinessRule, fromRule.Kind);
    }

    /// <summary>Records the <c>Last-Event-ID</c> of every request (null when absent).</summary>
    private sealed class LastEventIdHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<string?> LastEventIds { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (LastEventIds)
            {
                LastEventIds.Add(request.Headers.TryGetValues("Last-Event-ID", out var ids) ? ids.Single() : null);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
