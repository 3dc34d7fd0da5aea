using Autowartung.StripeEmulator.Tests.Support;

namespace Autowartung.StripeEmulator.Tests;

public sealed class TimeDrivenTests
{
    [Fact]
    public async Task SepaDebit_WhenSettleTimePasses_SettlesByItself()
    {
        using var emulator = new EmulatorFactory();
        emulator.Settings["Emulator:SepaSettleSeconds"] = "5";
        var api = emulator.Api();
        var intent = StripeApi.Ok(await api.PostAsync("/v1/payment_intents", ("amount", "4900"), ("currency", "eur"),
            ("allowed_payment_method_types[]", "sepa_debit"), ("payment_method", "pm_sepa_debit_DE"), ("confirm", "true"))).Id;

        emulator.Clock.Advance(TimeSpan.FromSeconds(6));

        var received = await emulator.Webhooks.WaitForTypeAsync(intent, "payment_intent.succeeded");
        Assert.Contains(received, w => w.Type == "payment_intent.processing");
        Assert.Equal("succeeded", (await api.GetAsync($"/v1/payment_intents/{intent}")).Json.Text("status"));
    }

    [Fact]
    public async Task SepaDebit_BeforeSettleTime_StaysProcessing()
    {
        using var emulator = new EmulatorFactory();
        emulator.Settings["Emulator:SepaSettleSeconds"] = "5";
        var api = emulator.Api();
        var intent = StripeApi.Ok(await api.PostAsync("/v1/payment_intents", ("amount", "4900"), ("currency", "eur"),
            ("allowed_payment_method_types[]", "sepa_debit"), ("payment_method", "pm_sepa_debit_DE"), ("confirm", "true"))).Id;

        emulator.Clock.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(400);

        Assert.Equal("processing", (await api.GetAsync($"/v1/payment_intents/{intent}")).Json.Text("status"));
    }
}
