using System.ComponentModel;
using System.Text.Json;

namespace Actors.Gateway.Mcp;

/// <summary>One message of a batch, as the <c>preview</c> tool takes it: the shape of the REST batch's items.</summary>
/// <param name="Type">The message type.</param>
/// <param name="Body">The message's body; omitted means <c>{}</c>.</param>
internal sealed record BatchMessage(
    [property: Description(
        "The message type: a command of the actor type (e.g. order: create, addOrderLine, addTag, setOrderState; payment: create, " +
        "authorize, capture, refund, setCardNumber; ticket: create, assign, addComment, setTicketState; asset: create, move, retire; " +
        "sku: create, setPrice, adjustStock; every type: addTag, removeTag, delete, undelete), or a history message " +
        "(query, getState, getHistory, getCheckpoints, getActivityLog, diff, rewind, getPendingChanges).")]
    string Type,
    [property: Description("The message's body, e.g. {\"key\":\"vip\"} for addTag or {\"version\":1} for rewind; omit for {}.")]
    JsonElement? Body = null);
