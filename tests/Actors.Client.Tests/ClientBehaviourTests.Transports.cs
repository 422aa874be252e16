using Actors.Abstractions;

namespace Actors.Client.Tests;

/// <summary>The behaviour suite in the silo's process, through its own <see cref="IGrainFactory"/>.</summary>
[Collection(InSiloCollection.Name)]
public sealed class InSiloClientTests(InSiloFixture fixture) : ClientBehaviourTests
{
    protected override ActorsClient Client(TestPrincipal principal) => fixture.InSiloClient(principal);

    protected override Task<IReadOnlyList<string>> AuditOperationsAsync(ActorKey actor) => fixture.AuditOperationsAsync(actor);
}

/// <summary>The behaviour suite through an external Orleans client connected to the silo's gateway port.</summary>
[Collection(OrleansClientCollection.Name)]
public sealed class OrleansClientTests(OrleansClientFixture fixture) : ClientBehaviourTests
{
    protected override ActorsClient Client(TestPrincipal principal) => fixture.OrleansClient(principal);

    protected override Task<IReadOnlyList<string>> AuditOperationsAsync(ActorKey actor) => fixture.AuditOperationsAsync(actor);
}

/// <summary>The behaviour suite against a real silo over HTTP.</summary>
[Collection(SiloCollection.Name)]
public sealed class HttpClientTests(SiloFixture fixture) : ClientBehaviourTests
{
    protected override ActorsClient Client(TestPrincipal principal) => fixture.Client(principal);

    protected override Task<IReadOnlyList<string>> AuditOperationsAsync(ActorKey actor) => fixture.AuditOperationsAsync(actor);
}
