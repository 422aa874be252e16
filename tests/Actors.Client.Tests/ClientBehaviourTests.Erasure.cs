using System.Text.Json;
using Actors.Grains.Payments;
using Actors.Grains.Payments.Commands;

namespace Actors.Client.Tests;

/// <summary>Erasure through the .NET client, on every transport: nothing it reads afterwards shows an erased value.</summary>
public abstract partial class ClientBehaviourTests
{
    [Fact]
    public async Task After_EraseAsync_no_read_of_the_client_shows_an_earlier_card_number()
    {
        await using var client = Admin;
        var payment = client.GetActor<IPaymentActor>(NewId("pay"));
        await payment.Batch().Create(new CreatePayment(100m, "SEK", null, "4111111111118642")).SendAsync();
        await payment.Batch().SetCardNumber("4111111111119753").AddTag("vip").SendAsync();

        var erased = await payment.EraseAsync("customer asked to be forgotten");

        Assert.Equal(3L, erased.Version);
        Assert.Equal(["cardNumber"], erased.ErasedFields);
        var checkpoint = (await payment.GetCheckpointsAsync().ToListAsync())[^1];
        Assert.Equal(("ERASE", "customer asked to be forgotten", TestPrincipal.Admin.Name), (checkpoint.Operation, checkpoint.Reason, checkpoint.Principal));
        Assert.Equal(["erase"], await AuditOperationsAsync(payment.Key));
        var reads = new object?[]
        {
            await payment.QueryAsync(),
            await payment.GetStateAsync(HistoryPoint.AtVersion(1)),
            await payment.GetStateAsync(HistoryPoint.AtVersion(2)),
            (await payment.DiffAsync(HistoryPoint.AtVersion(0), HistoryPoint.AtVersion(2))).ToJson(),
            await payment.GetHistoryAsync().ToListAsync(),
            await payment.GetCheckpointsAsync().ToListAsync(),
            await payment.ReplayAsync().ToListAsync().AsTask().WaitAsync(Timeout),
        };
        var text = string.Join('\n', reads.Select(r => JsonSerializer.Serialize(r)));
        foreach (var leak in new[] { "4111111111118642", "4111111111119753", "8642", "9753", "enc:v1" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
        }

        Assert.Null((string?)(await payment.QueryAsync())["cardNumber"]);
        await payment.Batch().SetCardNumber("5555555555554444").SendAsync();
        Assert.Equal("5555555555554444", (string?)(await payment.QueryAsync())["cardNumber"]);
    }

    [Fact]
    public async Task EraseAsync_needs_the_erase_permission_and_a_reason()
    {
        await using var admin = Admin;
        var id = NewId("pay");
        await admin.GetActor<IPaymentActor>(id).Batch().Create(new CreatePayment(1m, "SEK", null, "4111111111118642")).SendAsync();
        await using var writer = Client(TestPrincipal.Writer);

        var forbidden = await Assert.ThrowsAsync<ActorForbiddenException>(() => writer.GetActor<IPaymentActor>(id).EraseAsync("no"));
        var unknown = await Assert.ThrowsAsync<ActorRefusedException>(() => admin.GetActor<IPaymentActor>(NewId("pay")).EraseAsync("none"));

        Assert.Equal(("actors/payment:erase", 0, "erase"), (forbidden.Permission, forbidden.MessageIndex, forbidden.MessageType));
        Assert.Equal(Actors.Abstractions.Errors.ActorErrorKind.NotFound, unknown.Kind);
        await Assert.ThrowsAsync<ArgumentException>(() => admin.GetActor<IPaymentActor>(id).EraseAsync(" "));
        Assert.Equal("4111111111118642", (string?)(await admin.GetActor<IPaymentActor>(id).QueryAsync())["cardNumber"]);
    }
}
