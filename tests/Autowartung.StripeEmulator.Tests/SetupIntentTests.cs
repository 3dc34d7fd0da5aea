using System.Net;
using Autowartung.StripeEmulator.Tests.Support;
using Stripe;

namespace Autowartung.StripeEmulator.Tests;

/// <summary>SetupIntents through Stripe.net: saving a payment method without charging it.</summary>
public sealed class SetupIntentTests(EmulatorFactory emulator) : IClassFixture<EmulatorFactory>
{
    [Fact]
    public async Task Create_Confirmed_SavesTheMethodToTheCustomer()
    {
        var stripe = StripeNetClient.Create(emulator);
        var customer = await stripe.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "setup@example.de" });

        var setup = await stripe.V1.SetupIntents.CreateAsync(new SetupIntentCreateOptions
        {
            Customer = customer.Id,
            PaymentMethod = "pm_card_visa",
            Confirm = true,
            AllowedPaymentMethodTypes = ["card"],
            Metadata = new() { ["user_id"] = "u-1" },
        });

        Assert.Equal(("succeeded", "off_session", "u-1"), (setup.Status, setup.Usage, setup.Metadata["user_id"]));
        Assert.StartsWith("seti_", setup.Id);
        Assert.Equal(["card"], setup.AllowedPaymentMethodTypes);
        var saved = await stripe.V1.PaymentMethods.GetAsync(setup.PaymentMethodId);
        Assert.Equal((customer.Id, "4242"), (saved.CustomerId, saved.Card.Last4));
        Assert.Equal(setup.Id, (await stripe.V1.SetupIntents.GetAsync(setup.Id)).Id);
    }

    [Fact]
    public async Task Create_WithADecliningCard_FailsTheSetup_AndSavesNothing()
    {
        var stripe = StripeNetClient.Create(emulator);
        var customer = await stripe.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "declined@example.de" });

        var setup = await stripe.V1.SetupIntents.CreateAsync(new SetupIntentCreateOptions
        {
            Customer = customer.Id,
            PaymentMethod = "pm_card_chargeDeclined",
            Confirm = true,
        });

        Assert.Equal(("requires_payment_method", "card_declined", "generic_decline"), (setup.Status, setup.LastSetupError.Code, setup.LastSetupError.DeclineCode));
        Assert.Null(setup.PaymentMethodId);
        Assert.Empty((await new CustomerPaymentMethodService(stripe).ListAsync(customer.Id)).Data);
    }

    [Fact]
    public async Task Create_WithThePreEndiveParameter_IsRefusedAsUnknown()
    {
        var answer = await emulator.Api().PostAsync("/v1/setup_intents", ("payment_method_types[0]", "card"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(("parameter_unknown", "payment_method_types[0]"), (answer.Error.Text("code"), answer.Error.Text("param")));
    }
}
