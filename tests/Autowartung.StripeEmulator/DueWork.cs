using Autowartung.StripeEmulator.Checkout;
using Autowartung.StripeEmulator.Payments;
using Autowartung.StripeEmulator.Refunds;

namespace Autowartung.StripeEmulator;

/// <summary>
/// What time alone changes: SEPA debits and refunds settle, Checkout Sessions expire at <c>expires_at</c>.
/// Checked four times a second against the injected <see cref="TimeProvider"/>, so a test can move time.
/// </summary>
public sealed class DueWork(Account account, PaymentFlow payments, RefundFlow refunds, CheckoutFlow checkout, ILogger<DueWork> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    account.Run(Origin.Automatic, () =>
                    {
                        payments.SettleDebits(all: false);
                        refunds.SettleRefunds(all: false);
                        checkout.ExpireDue();
                    });
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "Time-driven work failed; trying again on the next tick");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
