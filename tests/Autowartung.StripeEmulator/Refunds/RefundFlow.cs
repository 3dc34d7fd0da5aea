using Autowartung.StripeEmulator.Api;
using Autowartung.StripeEmulator.Events;
using Autowartung.StripeEmulator.Payments;

namespace Autowartung.StripeEmulator.Refunds;

/// <summary>Refunding a successful charge, in part or in full, and settling SEPA refunds. Runs inside the account's lock.</summary>
public sealed class RefundFlow(Account account)
{
    public Refund Create(Charge charge, long? amount, string? reason, Dictionary<string, string> metadata)
    {
        if (charge.Status != ChargeStatus.Succeeded || !charge.Captured)
        {
            throw StripeException.InvalidRequest(
                $"Charge {charge.Id} cannot be refunded because it has not succeeded (status: {charge.Status}" +
                $"{(charge.Captured ? "" : ", not captured")}).", "charge", "charge_not_refundable");
        }
        if (charge.Refundable <= 0)
        {
            throw StripeException.InvalidRequest($"Charge {charge.Id} has already been refunded.", "charge", "charge_already_refunded");
        }
        var refundAmount = amount ?? charge.Refundable;
        if (refundAmount > charge.Refundable)
        {
            throw StripeException.InvalidRequest(
                $"Refund amount ({Pages.HostedPage.Money(refundAmount, charge.Currency)}) is greater than unrefunded amount on charge " +
                $"({Pages.HostedPage.Money(charge.Refundable, charge.Currency)})", "amount", "amount_too_large");
        }

        // A card refund is done at once; a SEPA refund is a credit transfer that takes its time.
        var sepa = charge.PaymentMethodDetails.Type == PaymentMethodTypes.SepaDebit;
        var refund = account.Add(new Refund
        {
            Id = Ids.Refund(),
            Created = account.UnixNow,
            Amount = refundAmount,
            Charge = charge.Id,
            Currency = charge.Currency,
            Customer = charge.Customer,
            DestinationDetails = RefundDestination.For(charge.PaymentMethodDetails.Type),
            Metadata = metadata,
            PaymentMethod = charge.PaymentMethod,
            PaymentIntent = charge.PaymentIntent,
            Reason = reason,
            Status = sepa ? RefundStatus.Pending : RefundStatus.Succeeded,
            SettlesAt = sepa ? account.Now.AddSeconds(account.Options.SepaSettleSeconds) : null,
        });
        charge.RefundedByRefunds += refundAmount;
        account.Publish(EventTypes.RefundCreated, refund);
        account.Publish(EventTypes.ChargeRefunded, charge);
        return refund;
    }

    /// <summary>Completes pending refunds whose time has come, or all of them; returns how many.</summary>
    public int SettleRefunds(bool all)
    {
        var now = account.Now;
        var due = account.NewestFirst<Refund>()
            .Where(r => r.Status == RefundStatus.Pending && r.SettlesAt is { } at && (all || at <= now))
            .Reverse()
            .ToList();
        foreach (var refund in due)
        {
            refund.Status = RefundStatus.Succeeded;
            refund.SettlesAt = null;
            account.Publish(EventTypes.RefundUpdated, refund);
        }
        return due.Count;
    }
}
