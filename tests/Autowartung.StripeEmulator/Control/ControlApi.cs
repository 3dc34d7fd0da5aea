using Autowartung.StripeEmulator.Api;
using Autowartung.StripeEmulator.Events;
using Autowartung.StripeEmulator.Payments;
using Autowartung.StripeEmulator.Refunds;

namespace Autowartung.StripeEmulator.Control;

/// <summary>
/// <c>/_emulator</c>: knobs for tests that Stripe does not have. Injected failures, settling SEPA now instead of
/// waiting, delivering an event again, and a health check for the dev stack's start script.
/// </summary>
public static class ControlApi
{
    public static void MapControlApi(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_emulator");
        control.MapPost("/fail-next", FailNextAsync);
        control.MapPost("/sepa/settle", SettleSepa);
        control.MapPost("/events/{id}/resend", ResendAsync);
        control.MapGet("/health", () => Json(new { Status = "ok" }));
    }

    private static async Task<IResult> FailNextAsync(HttpRequest request, FailNextRules rules)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync() : FormCollection.Empty;
        var prefix = form["path_prefix"].ToString();
        if (!prefix.StartsWith('/'))
        {
            return Problem("path_prefix is required and starts with a slash, e.g. /v1/payment_intents.");
        }
        if (!int.TryParse(form["status"], out var status) || !FailNextRules.AllowedStatuses.Contains(status))
        {
            return Problem("status must be one of 429, 500, 503.");
        }
        var times = 1;
        if (form["times"].ToString() is { Length: > 0 } timesText && (!int.TryParse(timesText, out times) || times < 1))
        {
            return Problem("times must be a positive integer.");
        }
        var method = form["method"].ToString() is { Length: > 0 } m ? m.ToUpperInvariant() : null;
        var exact = string.Equals(form["exact"], "true", StringComparison.OrdinalIgnoreCase);
        rules.Add(prefix, status, times, method, exact);
        return Json(new { PathPrefix = prefix, Status = status, Times = times, Method = method, Exact = exact });
    }

    private static IResult SettleSepa(Account account, PaymentFlow payments, RefundFlow refunds) =>
        account.Run(Origin.Automatic, () => Json(new
        {
            SettledPaymentIntents = payments.SettleDebits(all: true),
            SettledRefunds = refunds.SettleRefunds(all: true),
        }));

    private static async Task<IResult> ResendAsync(string id, HttpRequest request, Account account)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync() : FormCollection.Empty;
        var times = 1;
        if (form["times"].ToString() is { Length: > 0 } timesText && (!int.TryParse(timesText, out times) || times is < 1 or > 100))
        {
            return Problem("times must be an integer from 1 to 100.");
        }
        return account.Run(Origin.Automatic, () => account.Find<StripeEvent>(id) is { } stripeEvent
            ? Json(new { Event = stripeEvent.Id, Deliveries = account.Resend(stripeEvent, times) })
            : Results.Json(new { Error = $"No such event: '{id}'" }, StripeJson.Options, statusCode: StatusCodes.Status404NotFound));
    }

    private static IResult Json(object value) => Results.Json(value, StripeJson.Options);

    private static IResult Problem(string message) =>
        Results.Json(new { Error = message }, StripeJson.Options, statusCode: StatusCodes.Status400BadRequest);
}
