namespace Actors.Grains.Tests;

public sealed class GrainCatalogTests
{
    [Fact]
    public void The_five_actor_types_are_registered_with_their_id_fields()
    {
        Assert.Equal(
            [("order", "orderId"), ("payment", "paymentId"), ("ticket", "ticketId"), ("asset", "assetId"), ("sku", "skuId")],
            ActorGrains.Rules.Select(r => (r.Type.Name, r.Type.IdField)));
    }

    [Theory]
    [InlineData("order", "orderId orderState orderNumber currency total customerEmail tags deleted version")]
    [InlineData("payment", "paymentId paymentState amount currency capturedAmount refundedAmount orderId cardNumber tags deleted version")]
    [InlineData("ticket", "ticketId ticketState title priority assignee tags deleted version")]
    [InlineData("asset", "assetId assetState name assetType location custodian attributes tags deleted version")]
    [InlineData("sku", "skuId skuNumber name price currency stock attributes tags deleted version")]
    public void Scalar_fields_are_the_wire_fields_of_the_protocol(string type, string fields)
    {
        Assert.Equal(fields.Split(' '), Type(type).ScalarFields);
    }

    [Theory]
    [InlineData("order", "deliveries=deliveryId,deliveryState lines=orderLineId,sku,quantity,unitPrice,total")]
    [InlineData("payment", "")]
    [InlineData("ticket", "comments=commentId,text,author,createdAt")]
    [InlineData("asset", "")]
    [InlineData("sku", "")]
    public void Edges_are_the_navigable_lists_of_the_protocol(string type, string edges)
    {
        var actual = Type(type).Edges.Values
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => $"{e.Name}={string.Join(",", e.Fields)}");

        Assert.Equal(edges.Split(' ', StringSplitOptions.RemoveEmptyEntries), actual);
    }

    [Theory]
    [InlineData("order", "addDelivery addOrderLine create removeOrderLine setCustomerEmail setDeliveryState setOrderState")]
    [InlineData("payment", "authorize cancel capture create refund setCardNumber")]
    [InlineData("ticket", "addComment assign create setPriority setTicketState")]
    [InlineData("asset", "assignCustodian create move retire setAttribute")]
    [InlineData("sku", "adjustStock create setAttribute setPrice")]
    public void Domain_commands_are_those_of_the_protocol_and_need_write(string type, string commands)
    {
        var builtIn = new HashSet<string>(["addTag", "removeTag", "delete", "undelete"], StringComparer.Ordinal);
        var actual = Type(type).Messages.Values
            .Where(m => m.Kind == MessageKind.Write && !builtIn.Contains(m.Type))
            .Select(m => m.Type)
            .Order(StringComparer.Ordinal);

        Assert.Equal(commands.Split(' '), actual);
    }

    [Fact]
    public void The_card_number_and_the_customer_email_are_personal_and_so_masked()
    {
        Assert.Equal(["order.customerEmail", "payment.cardNumber"], ActorTypes.All.All.SelectMany(t => t.PersonalFields.Select(f => $"{t.Name}.{f}")));
        Assert.All(ActorTypes.All.All, t => Assert.Equal(t.PersonalFields, t.SensitiveFields));
    }

    [Fact]
    public void Every_type_has_erase_and_it_needs_the_erase_permission()
    {
        Assert.All(ActorTypes.All.All, t => Assert.Equal(MessageKind.Erase, t.Classify("erase")));
        Assert.Equal("erase", ActorAccess.PermissionFor(MessageKind.Erase, preview: false));
        Assert.Equal("erase", ActorAccess.PermissionFor(MessageKind.Erase, preview: true));
    }

    private static ActorTypeDescriptor Type(string name) => ActorTypes.All.Find(name)!;
}
