namespace Actors.Silo;

/// <summary>The silo refuses to start; the message says why and what to set.</summary>
public sealed class SiloConfigurationException(string message) : Exception(message);
