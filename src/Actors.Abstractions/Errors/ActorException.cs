namespace Actors.Abstractions.Errors;

/// <summary>
/// A refusal that the caller caused and can act on; never a server fault. It crosses grain calls with its type and
/// <see cref="Kind"/> intact, so an Orleans caller catches the same exception the gateway turns into a problem answer.
/// </summary>
[GenerateSerializer]
public class ActorException(ActorErrorKind kind, string detail) : Exception(detail)
{
    /// <summary>What kind of refusal this is.</summary>
    [Id(0)]
    public ActorErrorKind Kind { get; } = kind;

    public static ActorException Invalid(string detail) => new(ActorErrorKind.InvalidMessage, detail);

    public static ActorException NotFound(string detail) => new(ActorErrorKind.NotFound, detail);

    public static ActorException Rule(string detail) => new(ActorErrorKind.BusinessRule, detail);
}
