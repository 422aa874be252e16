using System.Text.Json.Serialization;

namespace Actors.Grains.Assets.Commands;

/// <summary>Body of <c>assignCustodian</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record AssignCustodian([property: JsonRequired] string Custodian);
