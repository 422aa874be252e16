namespace Actors.Grains.Skus.Commands;

/// <summary>Body of <c>setPrice</c>.</summary>
public sealed record SetSkuPrice(decimal? Price);
