namespace Actors.Torture;

/// <summary>What a message needs: read, write, rewind (rewind:preview in a preview), or erase (also in a preview).</summary>
public enum MessageKind
{
    Read,
    Write,
    Rewind,
    Erase,
}

/// <summary>One message of one actor type, with a body that makes sense for it.</summary>
public sealed record CatalogMessage(string Type, string Body, MessageKind Kind);

/// <summary>Every message type of every actor type (PROTOCOL.md), checked against what the server says it knows.</summary>
public static class MessageCatalog
{
    public static readonly string[] ActorTypes = ["order", "payment", "ticket", "asset", "sku"];

    private static readonly CatalogMessage[] Shared =
    [
        new("query", """{"query":{}}""", MessageKind.Read),
        new("getCheckpoints", "{}", MessageKind.Read),
        new("getActivityLog", "{}", MessageKind.Read),
        new("getState", """{"version":1}""", MessageKind.Read),
        new("getHistory", """{"limit":5,"offset":0}""", MessageKind.Read),
        new("diff", """{"from":1,"to":2}""", MessageKind.Read),
        new("getPendingChanges", "{}", MessageKind.Read),
        new("rewind", """{"version":1,"reason":"permission matrix"}""", MessageKind.Rewind),
        new("erase", """{"reason":"permission matrix"}""", MessageKind.Erase),
        new("addTag", """{"key":"matrix"}""", MessageKind.Write),
        new("removeTag", """{"key":"matrix"}""", MessageKind.Write),
        new("delete", "{}", MessageKind.Write),
        new("undelete", "{}", MessageKind.Write),
    ];

    /// <summary>The create batch that makes an actor of the type (a payment with a card number).</summary>
    public static string Create(string type) => type switch
    {
        "order" => """{"currency":"SEK","customerEmail":"a@example.com"}""",
        "payment" => """{"amount":100,"currency":"SEK","cardNumber":"4111 1111 1111 1234"}""",
        "ticket" => """{"title":"matrix"}""",
        "asset" => """{"name":"laptop","assetType":"computer"}""",
        _ => """{"skuNumber":"S1","name":"shirt","price":10,"currency":"SEK"}""",
    };

    /// <summary>Every message of <paramref name="type"/>.</summary>
    public static IReadOnlyList<CatalogMessage> Of(string type)
    {
        CatalogMessage[] own = type switch
        {
            "order" =>
            [
                new("setOrderState", """{"orderState":"confirmed"}""", MessageKind.Write),
                new("addOrderLine", """{"orderLineId":"m1","sku":"S","quantity":1,"unitPrice":2}""", MessageKind.Write),
                new("removeOrderLine", """{"orderLineId":"m1"}""", MessageKind.Write),
                new("addDelivery", """{"deliveryId":"d1"}""", MessageKind.Write),
                new("setDeliveryState", """{"deliveryId":"d1","deliveryState":"shipped"}""", MessageKind.Write),
                new("setCustomerEmail", """{"customerEmail":"b@example.com"}""", MessageKind.Write),
            ],
            "payment" =>
            [
                new("authorize", "{}", MessageKind.Write),
                new("capture", """{"amount":10}""", MessageKind.Write),
                new("refund", """{"amount":5}""", MessageKind.Write),
                new("cancel", "{}", MessageKind.Write),
                new("setCardNumber", """{"cardNumber":"4111 1111 1111 1234"}""", MessageKind.Write),
            ],
            "ticket" =>
            [
                new("setTicketState", """{"ticketState":"pending"}""", MessageKind.Write),
                new("setPriority", """{"priority":"high"}""", MessageKind.Write),
                new("assign", """{"assignee":"ann"}""", MessageKind.Write),
                new("addComment", """{"text":"hello"}""", MessageKind.Write),
            ],
            "asset" =>
            [
                new("move", """{"location":"HQ"}""", MessageKind.Write),
                new("assignCustodian", """{"custodian":"ann"}""", MessageKind.Write),
                new("setAttribute", """{"key":"color","value":"red"}""", MessageKind.Write),
                new("retire", "{}", MessageKind.Write),
            ],
            _ =>
            [
                new("setPrice", """{"price":12}""", MessageKind.Write),
                new("adjustStock", """{"delta":3}""", MessageKind.Write),
                new("setAttribute", """{"key":"color","value":"red"}""", MessageKind.Write),
            ],
        };
        return [new("create", Create(type), MessageKind.Write), .. Shared, .. own];
    }
}
