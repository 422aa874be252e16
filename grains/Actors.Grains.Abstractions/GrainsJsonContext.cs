using System.Text.Json.Serialization;
using Actors.Grains.Assets;
using Actors.Grains.Assets.Commands;
using Actors.Grains.Assets.Events;
using Actors.Grains.Orders;
using Actors.Grains.Orders.Commands;
using Actors.Grains.Orders.Events;
using Actors.Grains.Payments;
using Actors.Grains.Payments.Commands;
using Actors.Grains.Payments.Events;
using Actors.Grains.Skus;
using Actors.Grains.Skus.Commands;
using Actors.Grains.Skus.Events;
using Actors.Grains.Tickets;
using Actors.Grains.Tickets.Commands;
using Actors.Grains.Tickets.Events;

namespace Actors.Grains;

/// <summary>Source-generated JSON for every grain's state, edge nodes, command bodies and events.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(OrderState))]
[JsonSerializable(typeof(OrderLine))]
[JsonSerializable(typeof(Delivery))]
[JsonSerializable(typeof(CreateOrder))]
[JsonSerializable(typeof(SetOrderState))]
[JsonSerializable(typeof(AddOrderLine))]
[JsonSerializable(typeof(RemoveOrderLine))]
[JsonSerializable(typeof(AddDelivery))]
[JsonSerializable(typeof(SetDeliveryState))]
[JsonSerializable(typeof(SetCustomerEmail))]
[JsonSerializable(typeof(OrderCreated))]
[JsonSerializable(typeof(OrderStateChanged))]
[JsonSerializable(typeof(OrderLineAdded))]
[JsonSerializable(typeof(OrderLineRemoved))]
[JsonSerializable(typeof(DeliveryAdded))]
[JsonSerializable(typeof(DeliveryStateChanged))]
[JsonSerializable(typeof(CustomerEmailSet))]
[JsonSerializable(typeof(PaymentState))]
[JsonSerializable(typeof(CreatePayment))]
[JsonSerializable(typeof(AuthorizePayment))]
[JsonSerializable(typeof(CapturePayment))]
[JsonSerializable(typeof(RefundPayment))]
[JsonSerializable(typeof(CancelPayment))]
[JsonSerializable(typeof(SetCardNumber))]
[JsonSerializable(typeof(PaymentCreated))]
[JsonSerializable(typeof(PaymentAuthorized))]
[JsonSerializable(typeof(PaymentCaptured))]
[JsonSerializable(typeof(PaymentRefunded))]
[JsonSerializable(typeof(PaymentCancelled))]
[JsonSerializable(typeof(CardNumberSet))]
[JsonSerializable(typeof(TicketState))]
[JsonSerializable(typeof(Comment))]
[JsonSerializable(typeof(CreateTicket))]
[JsonSerializable(typeof(SetTicketState))]
[JsonSerializable(typeof(SetTicketPriority))]
[JsonSerializable(typeof(AssignTicket))]
[JsonSerializable(typeof(AddComment))]
[JsonSerializable(typeof(TicketCreated))]
[JsonSerializable(typeof(TicketStateChanged))]
[JsonSerializable(typeof(TicketPriorityChanged))]
[JsonSerializable(typeof(TicketAssigned))]
[JsonSerializable(typeof(CommentAdded))]
[JsonSerializable(typeof(AssetState))]
[JsonSerializable(typeof(CreateAsset))]
[JsonSerializable(typeof(MoveAsset))]
[JsonSerializable(typeof(AssignCustodian))]
[JsonSerializable(typeof(SetAssetAttribute))]
[JsonSerializable(typeof(RetireAsset))]
[JsonSerializable(typeof(AssetCreated))]
[JsonSerializable(typeof(AssetMoved))]
[JsonSerializable(typeof(CustodianAssigned))]
[JsonSerializable(typeof(AssetAttributeSet))]
[JsonSerializable(typeof(AssetRetired))]
[JsonSerializable(typeof(SkuState))]
[JsonSerializable(typeof(CreateSku))]
[JsonSerializable(typeof(SetSkuPrice))]
[JsonSerializable(typeof(AdjustStock))]
[JsonSerializable(typeof(SetSkuAttribute))]
[JsonSerializable(typeof(SkuCreated))]
[JsonSerializable(typeof(SkuPriceChanged))]
[JsonSerializable(typeof(StockAdjusted))]
[JsonSerializable(typeof(SkuAttributeSet))]
public sealed partial class GrainsJsonContext : JsonSerializerContext;
