using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autowartung.StripeEmulator.Tests.Support;
using Stripe;
using Stripe.Checkout;

namespace Autowartung.StripeEmulator.Tests.Contract;

/// <summary>
/// Every object the emulator returns, held to Stripe's own artefacts: read through Stripe.net (which pins the API
/// version the emulator follows), every top-level field of Stripe's published fixture for that resource present with
/// the same JSON type or null, and no field that Stripe.net's model of that API version does not know (a field the
/// version removed).
/// </summary>
public sealed class FixtureContractTests(EmulatorFactory emulator) : IClassFixture<EmulatorFactory>
{
    private static readonly Lazy<JsonObject> Fixtures = new(() =>
        JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contract", "Stripe", "fixtures3.json")))!["resources"]!.AsObject());

    private static readonly string[] ResourceNames =
        ["customer", "checkout.session", "payment_intent", "payment_method", "charge", "refund", "event", "setup_intent"];

    public static TheoryData<string> Resources => new(ResourceNames);

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Object_HasEveryFieldOfStripesFixture_WithItsType(string resource)
    {
        var (json, _) = await ObjectAsync(resource);
        var fixture = Fixtures.Value[resource]!.AsObject();

        var missing = fixture.Select(f => f.Key).Where(name => !json.ContainsKey(name)).ToList();
        var mistyped = fixture
            .Where(f => json.ContainsKey(f.Key) && f.Value is not null && json[f.Key] is not null && Kind(f.Value) != Kind(json[f.Key]!))
            .Select(f => $"{f.Key}: {Kind(json[f.Key]!)} where Stripe has {Kind(f.Value!)}")
            .ToList();

        Assert.True(missing.Count == 0, $"{resource} lacks {string.Join(", ", missing)}");
        Assert.True(mistyped.Count == 0, $"{resource}: {string.Join("; ", mistyped)}");
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Object_HasNoFieldThatStripeNetsApiVersionLacks(string resource)
    {
        var (json, model) = await ObjectAsync(resource);
        var known = JsonNames(model);

        var unknown = json.Select(f => f.Key).Where(name => !known.Contains(name)).ToList();

        Assert.True(unknown.Count == 0, $"{resource} has {string.Join(", ", unknown)}, which {model.Name} of API version {StripeConfiguration.ApiVersion} does not know");
    }

    [Fact]
    public async Task Fixtures_AreStripesAndCarryTheirLicence()
    {
        var licence = await System.IO.File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Contract", "Stripe", "LICENSE"));
        Assert.Contains("MIT License", licence);
        Assert.Contains("Stripe, Inc.", licence);
        Assert.All(ResourceNames, resource => Assert.Equal(resource, Fixtures.Value[resource]!["object"]!.GetValue<string>()));
    }

    /// <summary>One object of the resource, made and read through Stripe.net; its JSON as the emulator sent it.</summary>
    private async Task<(JsonObject Json, Type Model)> ObjectAsync(string resource)
    {
        var stripe = StripeNetClient.Create(emulator);
        var customer = await stripe.V1.Customers.CreateAsync(new CustomerCreateOptions { Email = "vertrag@example.de", Name = "Erika Mustermann" });
        if (resource == "customer") return (Raw(customer), typeof(Customer));

        if (resource == "setup_intent")
        {
            var setup = await stripe.V1.SetupIntents.CreateAsync(new SetupIntentCreateOptions
            {
                Customer = customer.Id,
                PaymentMethod = "pm_card_visa",
                Confirm = true,
                Usage = "off_session",
                AllowedPaymentMethodTypes = ["card"],
            });
            Assert.Equal("succeeded", setup.Status);
            return (Raw(setup), typeof(SetupIntent));
        }

        var session = await stripe.V1.Checkout.Sessions.CreateAsync(new SessionCreateOptions
        {
            Mode = "payment",
            Customer = customer.Id,
            AllowedPaymentMethodTypes = ["card", "sepa_debit"],
            PaymentIntentData = new() { SetupFutureUsage = "off_session", Metadata = new() { ["booking_id"] = "b-1" } },
            SuccessUrl = "https://autowartung.test/bezahlt?session_id={CHECKOUT_SESSION_ID}",
            CancelUrl = "https://autowartung.test/abgebrochen",
            LineItems = [new() { PriceData = new() { Currency = "eur", UnitAmount = 4900, ProductData = new() { Name = "Inspektion" } }, Quantity = 1 }],
        });
        (await emulator.Browser().PayAsync(session.Url, "pm_card_visa")).SeeOther();
        session = await stripe.V1.Checkout.Sessions.GetAsync(session.Id);
        if (resource == "checkout.session") return (Raw(session), typeof(Session));

        var intent = await stripe.V1.PaymentIntents.GetAsync(session.PaymentIntentId);
        Assert.Equal("succeeded", intent.Status);
        switch (resource)
        {
            case "payment_intent":
                return (Raw(intent), typeof(PaymentIntent));
            case "payment_method":
                return (Raw(await stripe.V1.PaymentMethods.GetAsync(intent.PaymentMethodId)), typeof(PaymentMethod));
            case "charge":
                return (Raw(await stripe.V1.Charges.GetAsync(intent.LatestChargeId)), typeof(Charge));
            case "refund":
                return (Raw(await stripe.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = intent.Id, Amount = 1000 })), typeof(Refund));
            case "event":
                var events = await stripe.V1.Events.ListAsync(new EventListOptions { Type = "payment_intent.succeeded", Limit = 100 });
                var succeeded = events.Data.First(e => (e.Data.Object as IHasId)?.Id == intent.Id);
                Assert.Equal(StripeConfiguration.ApiVersion, succeeded.ApiVersion);
                return (Raw(await stripe.V1.Events.GetAsync(succeeded.Id)), typeof(Event));
            default:
                throw new ArgumentOutOfRangeException(nameof(resource), resource, null);
        }
    }

    private static JsonObject Raw(IStripeEntity entity) => JsonNode.Parse(entity.StripeResponse.Content)!.AsObject();

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var kind => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The JSON names Stripe.net reads into <paramref name="model"/>, expandable fields (kept on non-public properties) included.</summary>
    private static HashSet<string> JsonNames(Type model) =>
        model.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
}
