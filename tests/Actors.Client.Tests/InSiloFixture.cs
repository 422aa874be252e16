using Actors.Client.Tests.Samples;
using Microsoft.AspNetCore.Builder;

namespace Actors.Client.Tests;

/// <summary>
/// A silo whose application registered what <see cref="InSiloSample"/> shows: an <see cref="ActorsClient"/> over the
/// silo's own grains (<c>AddOrleansActorsClient</c>) and a service that uses it.
/// </summary>
public sealed class InSiloFixture : SiloFixture
{
    protected override void ConfigureSilo(WebApplicationBuilder builder) => InSiloSample.Register(builder);
}

/// <summary>A silo of its own for the in-silo transport, so its suite runs beside the others.</summary>
[CollectionDefinition(Name)]
public sealed class InSiloCollection : ICollectionFixture<InSiloFixture>
{
    public const string Name = "client in the silo";
}
