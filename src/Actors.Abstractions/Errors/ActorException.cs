namespace Actors.Abstractions.Errors;

/// <summary>A refusal that the caller caused and can act on; never a server fault.</summary>
public class ActorException(ActorErrorKind kind, string detail) : Exception(detail)
{
    /// <summary>What kind of refusal this is.</summary>
    public ActorErrorKind Kind { get; } = kind;

    public static ActorException Invalid(string detail) => new(ActorErrorKind.InvalidMessage, detail);

    public static ActorException NotFound(string detail) => new(ActorErrorKind.NotFound, detail);

    public static ActorException Rule(string detail) => new(ActorErrorKind.BusinessRule, detail);
}
