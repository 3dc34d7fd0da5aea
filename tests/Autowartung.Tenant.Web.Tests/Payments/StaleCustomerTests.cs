namespace Autowartung.Tenant.Web.Tests.Payments;

/// <summary>A person whose Stripe customer Stripe no longer has (deleted there, another mode) can still pay.</summary>
public sealed class StaleCustomerTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    [Fact]
    public async Task ACustomerStripeNoLongerKnows_IsMadeAnew_AndTheCheckoutOpens()
    {
        var first = await app.BookAsync(slotIndex: 3);
        var userId = await app.Database.ScalarAsync<Guid>("SELECT customer_user_id FROM bookings WHERE id = @p0", first.Id);
        await app.Database.ExecuteAsync("UPDATE payment_customers SET provider_customer_id = 'cus_deletedatstripe' WHERE user_id = @p0", userId);

        // The same person books again: Stripe refuses the stale customer, a new one is made, the checkout opens.
        var again = await app.PostBookingAsync(first.Request, $"stale-{Guid.NewGuid():N}");
        Assert.StartsWith("http://stripe.test/c/pay/cs_test_", again.GetProperty("paymentUrl").GetString());

        var customer = await app.Database.ScalarAsync<string>("SELECT provider_customer_id FROM payment_customers WHERE user_id = @p0", userId);
        Assert.StartsWith("cus_", customer);
        Assert.NotEqual("cus_deletedatstripe", customer);
        Assert.Equal(userId.ToString(), (await app.StripeNet().V1.Customers.GetAsync(customer)).Metadata["user_id"]);
        var session = again.GetProperty("paymentUrl").GetString()!.Split('/')[^1];
        Assert.Equal(customer, (await app.StripeNet().V1.Checkout.Sessions.GetAsync(session)).CustomerId);
    }
}
