using System.Text.Json.Serialization;

namespace Actors.Runtime.Tests.Counters;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CounterState))]
[JsonSerializable(typeof(CounterCreated))]
[JsonSerializable(typeof(Incremented))]
[JsonSerializable(typeof(CreateCounter))]
[JsonSerializable(typeof(Increment))]
public sealed partial class CounterJsonContext : JsonSerializerContext;
