namespace Actors.PersonalData;

/// <summary>The personal fields of one actor type: values that are sealed wherever they are stored, and erased on request.</summary>
/// <param name="ActorType">The type's URL name, e.g. <c>payment</c>.</param>
/// <param name="IdField">The state's id field, e.g. <c>paymentId</c>: it tells the actor of a line of compliance snapshot data.</param>
/// <param name="Fields">The personal fields, e.g. <c>cardNumber</c>.</param>
public sealed record PersonalFields(string ActorType, string IdField, IReadOnlySet<string> Fields);
