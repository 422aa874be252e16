namespace Actors.Grains;

/// <summary>Settings of the actors' history, bound from <c>Actors:History</c>.</summary>
public sealed class ActorHistoryOptions
{
    /// <summary>
    /// When true, a rewind or restore that is persisted must say why: without a non-blank <c>reason</c> it is refused
    /// with 400, whichever way it arrives (a batch, <c>POST .../restore</c>, a typed grain call, the .NET client, the
    /// command line). A preview's rewind never needs one. False (the default) follows the protocol: the reason is optional.
    /// </summary>
    public bool RequireReason { get; set; }
}
