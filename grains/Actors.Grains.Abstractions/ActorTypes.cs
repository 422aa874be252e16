using Actors.Grains.Assets;
using Actors.Grains.Orders;
using Actors.Grains.Payments;
using Actors.Grains.Skus;
using Actors.Grains.Tickets;

namespace Actors.Grains;

/// <summary>
/// The five actor types: their URL names, messages (and the permission each needs), events, fields, edges and
/// personal fields. The grains, the gateway and the clients all read them from here.
/// </summary>
public static class ActorTypes
{
    private static readonly GrainsJsonContext Json = GrainsJsonContext.Default;

    /// <summary>Orders: lines, deliveries and open → confirmed → completed | cancelled; the customer's email is personal.</summary>
    public static ActorTypeDescriptor Order { get; } = ActorTypeDescriptor
        .For("order", "Order", "orderId", Json.OrderState)
        .Command("create", Json.CreateOrder)
        .Command("setOrderState", Json.SetOrderState)
        .Command("addOrderLine", Json.AddOrderLine)
        .Command("removeOrderLine", Json.RemoveOrderLine)
        .Command("addDelivery", Json.AddDelivery)
        .Command("setDeliveryState", Json.SetDeliveryState)
        .Command("setCustomerEmail", Json.SetCustomerEmail)
        .Event("Created", Json.OrderCreated)
        .Event("StateChanged", Json.OrderStateChanged)
        .Event("LineAdded", Json.OrderLineAdded)
        .Event("LineRemoved", Json.OrderLineRemoved)
        .Event("DeliveryAdded", Json.DeliveryAdded)
        .Event("DeliveryStateChanged", Json.DeliveryStateChanged)
        .Event("CustomerEmailSet", Json.CustomerEmailSet)
        .Edge("lines", Json.OrderLine)
        .Edge("deliveries", Json.Delivery)
        .Personal("customerEmail")
        .Build();

    /// <summary>Payments: pending → authorized → captured → refunded, or cancelled; the card number is personal.</summary>
    public static ActorTypeDescriptor Payment { get; } = ActorTypeDescriptor
        .For("payment", "Payment", "paymentId", Json.PaymentState)
        .Command("create", Json.CreatePayment)
        .Command("authorize", Json.AuthorizePayment)
        .Command("capture", Json.CapturePayment)
        .Command("refund", Json.RefundPayment)
        .Command("cancel", Json.CancelPayment)
        .Command("setCardNumber", Json.SetCardNumber)
        .Event("Created", Json.PaymentCreated)
        .Event("Authorized", Json.PaymentAuthorized)
        .Event("Captured", Json.PaymentCaptured)
        .Event("Refunded", Json.PaymentRefunded)
        .Event("Cancelled", Json.PaymentCancelled)
        .Event("CardNumberSet", Json.CardNumberSet)
        .Personal("cardNumber")
        .Build();

    /// <summary>Support tickets with comments.</summary>
    public static ActorTypeDescriptor Ticket { get; } = ActorTypeDescriptor
        .For("ticket", "Ticket", "ticketId", Json.TicketState)
        .Command("create", Json.CreateTicket)
        .Command("setTicketState", Json.SetTicketState)
        .Command("setPriority", Json.SetTicketPriority)
        .Command("assign", Json.AssignTicket)
        .Command("addComment", Json.AddComment)
        .Event("Created", Json.TicketCreated)
        .Event("StateChanged", Json.TicketStateChanged)
        .Event("PriorityChanged", Json.TicketPriorityChanged)
        .Event("Assigned", Json.TicketAssigned)
        .Event("CommentAdded", Json.CommentAdded)
        .Edge("comments", Json.Comment)
        .Build();

    /// <summary>Assets: where they are, who holds them, until retired.</summary>
    public static ActorTypeDescriptor Asset { get; } = ActorTypeDescriptor
        .For("asset", "Asset", "assetId", Json.AssetState)
        .Command("create", Json.CreateAsset)
        .Command("move", Json.MoveAsset)
        .Command("assignCustodian", Json.AssignCustodian)
        .Command("setAttribute", Json.SetAssetAttribute)
        .Command("retire", Json.RetireAsset)
        .Event("Created", Json.AssetCreated)
        .Event("Moved", Json.AssetMoved)
        .Event("CustodianAssigned", Json.CustodianAssigned)
        .Event("AttributeSet", Json.AssetAttributeSet)
        .Event("Retired", Json.AssetRetired)
        .Build();

    /// <summary>Stock-keeping units: price and stock, which never goes below zero.</summary>
    public static ActorTypeDescriptor Sku { get; } = ActorTypeDescriptor
        .For("sku", "Sku", "skuId", Json.SkuState)
        .Command("create", Json.CreateSku)
        .Command("setPrice", Json.SetSkuPrice)
        .Command("adjustStock", Json.AdjustStock)
        .Command("setAttribute", Json.SetSkuAttribute)
        .Event("Created", Json.SkuCreated)
        .Event("PriceChanged", Json.SkuPriceChanged)
        .Event("StockAdjusted", Json.StockAdjusted)
        .Event("AttributeSet", Json.SkuAttributeSet)
        .Build();

    /// <summary>Every type, by URL name.</summary>
    public static ActorTypeRegistry All { get; } = new([Order, Payment, Ticket, Asset, Sku]);
}
