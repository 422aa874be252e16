namespace Actors.Grains;

/// <summary>Which permission a message needs.</summary>
public enum MessageKind
{
    /// <summary>Reads state or history: <c>actors/&lt;type&gt;:read</c>.</summary>
    Read,

    /// <summary>A domain command: <c>actors/&lt;type&gt;:write</c>.</summary>
    Write,

    /// <summary><c>rewind</c>: <c>actors/&lt;type&gt;:rewind</c>, or <c>:rewind:preview</c> in preview mode.</summary>
    Rewind,

    /// <summary><c>erase</c>: <c>actors/&lt;type&gt;:erase</c>, persisted or in preview.</summary>
    Erase,
}
