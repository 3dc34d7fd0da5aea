using Autowartung.MultiTenancy;
using Autowartung.Platform;
using Autowartung.Platform.Audit;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Expansion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Autowartung.Tenant.Web.Tests.Payments;

/// <summary>A paid test booking closed as a completed dry run: it counts for the criterion, and its money goes back.</summary>
public sealed class TestRunTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    [Fact]
    public async Task CompletingAPaidTestRun_RefundsItInFull_Once()
    {
        var booked = await app.BookAsync(slotIndex: 5);
        Assert.NotNull(await app.PayAsync(booked.PaymentUrl, "pm_card_visa"));
        Assert.Equal("Confirmed", await PaymentsApp.EventuallyAsync(() => app.StatusAsync(booked.Id), "Confirmed"));
        await app.Database.ExecuteAsync("UPDATE bookings SET is_test = true WHERE id = @p0", booked.Id);   // as if made while Witten was onboarding

        Assert.Equal(ResultStatus.Ok, (await CompleteAsync(booked.Id)).Status);
        Assert.Equal(ResultStatus.Conflict, (await CompleteAsync(booked.Id)).Status);   // a second time changes nothing

        Assert.Equal("Completed", await app.StatusAsync(booked.Id));
        Assert.Equal(booked.TotalCents, await app.Database.ScalarAsync<int>("SELECT refunded_cents FROM payments WHERE booking_id = @p0", booked.Id));
        Assert.Equal("Succeeded", await app.Database.ScalarAsync<string>("SELECT status FROM refunds WHERE booking_id = @p0", booked.Id));
        var intent = await app.Database.ScalarAsync<string>("SELECT payment_intent_id FROM payments WHERE booking_id = @p0", booked.Id);
        var refunds = await app.StripeNet().V1.Refunds.ListAsync(new Stripe.RefundListOptions { PaymentIntent = intent });
        Assert.Equal(booked.TotalCents, Assert.Single(refunds.Data).Amount);   // at Stripe, one refund of all of it
    }

    private async Task<Result> CompleteAsync(Guid bookingId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var witten = await db.Cities.AsNoTracking().SingleAsync(c => c.Slug == "witten");
        using var tenant = scope.ServiceProvider.GetRequiredService<MultiTenantContextAccessor<CityTenantInfo>>().BeginScope(witten.ToTenantInfo());
        return await scope.ServiceProvider.GetRequiredService<CompleteTestRun>().RunAsync(bookingId, "Abholung und Rückgabe ohne Befund", Guid.Empty, AuditOrigin.None);
    }
}
