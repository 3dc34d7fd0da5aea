using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Autowartung.Platform.Accounts;
using Autowartung.Platform.Cities;
using Autowartung.Platform.Extensions;
using Autowartung.Tenant.Web.Tests.Payments;
using Autowartung.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Autowartung.Tenant.Web.Tests.Extensions;

/// <summary>
/// Order extensions through the API against the Stripe emulator: staff of the booking's workshop propose
/// items with photos, nothing reaches the customer before it is sent, the customer decides once from the
/// emailed link, exactly the approved gross is charged to the saved card, and the job reminds and lets an
/// undecided proposal lapse. Whatever may not happen is refused and changes nothing.
/// </summary>
public sealed partial class ExtensionTests(PaymentsApp app) : IClassFixture<PaymentsApp>
{
    [Fact]
    public async Task StaffProposeTwoItems_TheCustomerApprovesOne_AndExactlyItsGrossIsCharged()
    {
        var (booked, staff) = await InServiceAsync(slotIndex: 20);
        using var staffs = StaffClient(staff);
        var photo = await UploadAsync(staffs, booked.Id);
        var draft = await DraftAsync(staffs, booked.Id, [
            Item("Bremsbeläge vorne", 8_000, 4_900, "SafetyCritical", [photo]),
            Item("Scheibenwischer", 2_100, 0, "CanWait", []),
        ]);
        Assert.Equal("Draft", draft.GetProperty("status").GetString());
        var items = draft.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal((12_900, 2_451, 15_351), (items[0].GetProperty("netCents").GetInt32(), items[0].GetProperty("vatCents").GetInt32(), items[0].GetProperty("grossCents").GetInt32()));
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal(0, await app.Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE kind = @p0 AND recipient = @p1", ProposeExtension.EmailKind, booked.Email));
        Assert.Equal("InService", await app.StatusAsync(booked.Id));   // a draft reaches nobody

        using (var sent = await staffs.PostAsync($"/api/v1/extensions/{id}/send", null))
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("AwaitingApproval", await app.StatusAsync(booked.Id));
        using (var changed = await staffs.PutAsJsonAsync($"/api/v1/extensions/{id}", new { items = new[] { Item("Bremsbeläge vorne", 1, 1, "SafetyCritical", []) } }))
            Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);   // a sent proposal's amounts never change

        var token = await LinkTokenAsync(booked.Email, id);
        using var link = app.Api();
        Assert.Equal(HttpStatusCode.NotFound, (await link.GetAsync($"/api/v1/extensions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await link.GetAsync($"/api/v1/extensions/{id}?k=falsch")).StatusCode);
        var shown = await link.GetFromJsonAsync<JsonElement>($"/api/v1/extensions/{id}?k={token}");
        Assert.Equal(booked.TotalCents, shown.GetProperty("orderTotalGrossCents").GetInt32());
        var version = shown.GetProperty("version").GetString();
        var (brakes, wipers) = (items[0].GetProperty("id").GetGuid(), items[1].GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await link.GetAsync($"/api/v1/bookings/{booked.Id}/extension-photos/{photo}?k={token}&thumbnail=true")).StatusCode);

        // Unknown items, a missing one and another page's version are refused, and decide nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await DecideAsync(link, id, token, [(brakes, true), (Guid.NewGuid(), false)], version)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await DecideAsync(link, id, token, [(brakes, true)], version)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await DecideAsync(link, id, token, [(brakes, true), (wipers, false)], "0000000000000000")).StatusCode);
        Assert.Equal("AwaitingApproval", await app.StatusAsync(booked.Id));

        using (var decided = await DecideAsync(link, id, token, [(brakes, true), (wipers, false)], version))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
            var body = await decided.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(["ApprovedAndPaid", "Declined"], body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("outcome").GetString()));
            Assert.Equal((15_351, booked.TotalCents + 15_351), (body.GetProperty("approvedGrossCents").GetInt32(), body.GetProperty("newTotalGrossCents").GetInt32()));
        }
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(link, id, token, [(brakes, true), (wipers, true)], version)).StatusCode);
        Assert.Equal("InService", await app.StatusAsync(booked.Id));
        var charges = await ExtraChargesAsync(booked.Email);
        Assert.Equal(15_351, Assert.Single(charges).Amount);   // exactly the approved gross, once
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'ExtensionDecided' AND detail LIKE @p0", $"extension {id:N}%"));

        // Staff see the outcome too, and the customer signed in.
        var seen = (await staffs.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{booked.Id}/extensions")).EnumerateArray().Single();
        Assert.Equal("Succeeded", seen.GetProperty("paymentStatus").GetString());
        using var customer = await app.CustomerClientAsync(booked.Email);
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync($"/api/v1/extensions/{id}")).StatusCode);
    }

    [Fact]
    public async Task BadProposals_AreRefused_AndLeaveNothing()
    {
        var (booked, staff) = await InServiceAsync(slotIndex: 21);
        using var staffs = StaffClient(staff);
        async Task<JsonElement> ErrorsAsync(object item)
        {
            using var answer = await staffs.PostAsJsonAsync($"/api/v1/bookings/{booked.Id}/extensions", new { items = new[] { item } });
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }
        Assert.True((await ErrorsAsync(Item("Bremsen", -100, 0, "SafetyCritical", []))).TryGetProperty("items[0].partsNetCents", out _));
        Assert.True((await ErrorsAsync(Item("Motor", 1_000_001, 0, "Recommended", []))).TryGetProperty("items[0].partsNetCents", out _));
        Assert.True((await ErrorsAsync(Item("", 100, 100, "Recommended", []))).TryGetProperty("items[0].title", out _));
        Assert.True((await ErrorsAsync(Item("Reifen", 100, 100, "Sofort", []))).TryGetProperty("items[0].urgency", out _));
        Assert.True((await ErrorsAsync(Item("Reifen", 100, 100, "Recommended", [Guid.NewGuid()]))).TryGetProperty("items[0].photoIds", out _));
        Assert.Equal(0, await app.Database.ScalarAsync<long>("SELECT count(*) FROM order_extensions WHERE booking_id = @p0", booked.Id));

        // The customer, a stranger and another workshop's staff find no booking to propose for.
        using var customer = await app.CustomerClientAsync(booked.Email);
        Assert.Equal(HttpStatusCode.NotFound, (await customer.PostAsJsonAsync($"/api/v1/bookings/{booked.Id}/extensions", new { items = new[] { Item("Öl", 100, 100, "CanWait", []) } })).StatusCode);
        var other = await app.Database.AddPersonAsync($"andere-{Guid.NewGuid():N}@werkstatt.test");
        await app.Database.GrantAsync(await WittenAsync(), other, MembershipRole.WorkshopStaff, await OtherWorkshopAsync());
        using var others = StaffClient(other);
        Assert.Equal(HttpStatusCode.NotFound, (await others.PostAsJsonAsync($"/api/v1/bookings/{booked.Id}/extensions", new { items = new[] { Item("Öl", 100, 100, "CanWait", []) } })).StatusCode);

        // A booking not in service: 409.
        await app.Database.ExecuteAsync("UPDATE bookings SET status = 'AtWorkshop' WHERE id = @p0", booked.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await staffs.PostAsJsonAsync($"/api/v1/bookings/{booked.Id}/extensions", new { items = new[] { Item("Öl", 100, 100, "CanWait", []) } })).StatusCode);
        Assert.Equal(0, await app.Database.ScalarAsync<long>("SELECT count(*) FROM order_extensions WHERE booking_id = @p0", booked.Id));
    }

    [Fact]
    public async Task AnUndecidedProposal_RemindsOnce_ThenLapses_AndCannotBeDecidedAfter()
    {
        var (booked, staff) = await InServiceAsync(slotIndex: 22);
        using var staffs = StaffClient(staff);
        var draft = await DraftAsync(staffs, booked.Id, [Item("Zündkerzen", 3_000, 2_000, "Recommended", [])]);
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staffs.PostAsync($"/api/v1/extensions/{id}/send", null)).StatusCode);
        var token = await LinkTokenAsync(booked.Email, id);

        await app.Database.ExecuteAsync("UPDATE order_extensions SET sent_at = now() - interval '3 hours' WHERE id = @p0", id);
        await FollowUpAsync();
        await FollowUpAsync();
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE kind = @p0 AND recipient = @p1", ExpireExtensions.ReminderKind, booked.Email));
        Assert.Equal("Sent", await app.Database.ScalarAsync<string>("SELECT status FROM order_extensions WHERE id = @p0", id));

        await app.Database.ExecuteAsync("UPDATE order_extensions SET sent_at = now() - interval '25 hours' WHERE id = @p0", id);
        await FollowUpAsync();
        Assert.Equal("Expired", await app.Database.ScalarAsync<string>("SELECT status FROM order_extensions WHERE id = @p0", id));
        Assert.Equal("InService", await app.StatusAsync(booked.Id));
        using var link = app.Api();
        var shown = await link.GetFromJsonAsync<JsonElement>($"/api/v1/extensions/{id}?k={token}");
        Assert.Equal("Expired", shown.GetProperty("items")[0].GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Conflict,
            (await DecideAsync(link, id, token, [(shown.GetProperty("items")[0].GetProperty("id").GetGuid(), true)], shown.GetProperty("version").GetString())).StatusCode);
        Assert.Empty(await ExtraChargesAsync(booked.Email));
    }

    [Fact]
    public async Task WhenTheBankWantsTheCustomer_TheItemWaitsForPayment_AndTheyGetTheLink()
    {
        var (booked, staff) = await InServiceAsync(slotIndex: 23, method: "pm_card_authenticationRequired");
        using var staffs = StaffClient(staff);
        var draft = await DraftAsync(staffs, booked.Id, [Item("Batterie", 9_000, 1_000, "SafetyCritical", [])]);
        var id = draft.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await staffs.PostAsync($"/api/v1/extensions/{id}/send", null)).StatusCode);
        var token = await LinkTokenAsync(booked.Email, id);
        using var link = app.Api();
        var shown = await link.GetFromJsonAsync<JsonElement>($"/api/v1/extensions/{id}?k={token}");

        using var decided = await DecideAsync(link, id, token, [(shown.GetProperty("items")[0].GetProperty("id").GetGuid(), true)], shown.GetProperty("version").GetString());

        var body = await decided.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ApprovedAwaitingPayment", body.GetProperty("items")[0].GetProperty("outcome").GetString());
        Assert.Equal("RequiresAction", body.GetProperty("paymentStatus").GetString());
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE kind = @p0 AND recipient = @p1", DecideExtension.AuthenticationKind, booked.Email));
    }

    [Fact]
    public async Task ThePages_StaffSaveAndSendWithAPhoto_AndTheCustomerDecidesFromTheLink()
    {
        var (booked, staff) = await InServiceAsync(slotIndex: 24);
        using var staffs = app.Factory.ClientWithCookie(PaymentsApp.Host, Sessions.Cookie(app.Factory.Services, staff, secondFactor: true));
        var page = $"/workshop/buchungen/{booked.Id}/erweiterung";
        Assert.Contains("data-testid=\"extension\"", await staffs.GetStringAsync("/workshop/buchungen"));
        var form = new MultipartFormDataContent
        {
            { new StringContent(Forms.Token(await staffs.GetStringAsync(page))), "__RequestVerificationToken" },
            { new StringContent("Bremsscheiben hinten"), "Items[0].Title" },
            { new StringContent("Die Scheiben sind unter der Mindeststärke."), "Items[0].Description" },
            { new StringContent("120,50"), "Items[0].Parts" },
            { new StringContent("80"), "Items[0].Labour" },
            { new StringContent("SafetyCritical"), "Items[0].Urgency" },
            { new StringContent("Innenraumfilter"), "Items[1].Title" },
            { new StringContent("Riecht muffig, kann aber warten."), "Items[1].Description" },
            { new StringContent("25"), "Items[1].Parts" },
            { new StringContent(""), "Items[1].Labour" },
            { new StringContent("CanWait"), "Items[1].Urgency" },
        };
        var photo = new ByteArrayContent(Jpeg());
        photo.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        form.Add(photo, "Items[0].Photo", "scheibe.jpg");
        using (var saved = await staffs.PostAsync($"{page}?handler=Save", form))
            Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        var draftPage = await staffs.GetStringAsync(page);
        var extensionId = Guid.Parse(ExtensionIdField().Match(draftPage).Groups[1].Value);
        Assert.Equal(1, await app.Database.ScalarAsync<long>("SELECT count(*) FROM extension_photos WHERE booking_id = @p0", booked.Id));
        using (var sent = await staffs.SubmitAsync(page, new Dictionary<string, string> { ["extensionId"] = extensionId.ToString() }, $"{page}?handler=Send"))
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("AwaitingApproval", await app.StatusAsync(booked.Id));

        // The dashboard and its API put the order in the column it is in; another workshop's staff see nothing of it.
        staffs.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        var awaiting = await staffs.GetFromJsonAsync<JsonElement>("/api/v1/workshop/orders?state=AwaitingApproval");
        Assert.Contains(awaiting.EnumerateArray(), o => o.GetProperty("id").GetGuid() == booked.Id && o.GetProperty("extension").GetProperty("status").GetString() == "Sent");
        Assert.DoesNotContain((await staffs.GetFromJsonAsync<JsonElement>("/api/v1/workshop/orders?state=InService")).EnumerateArray(), o => o.GetProperty("id").GetGuid() == booked.Id);
        Assert.Equal(HttpStatusCode.BadRequest, (await staffs.GetAsync("/api/v1/workshop/orders?state=Irgendwo")).StatusCode);
        var other = await app.Database.AddPersonAsync($"andere-{Guid.NewGuid():N}@werkstatt.test");
        await app.Database.GrantAsync(await WittenAsync(), other, MembershipRole.WorkshopStaff, await OtherWorkshopAsync());
        using (var others = StaffClient(other))
            Assert.DoesNotContain((await others.GetFromJsonAsync<JsonElement>("/api/v1/workshop/orders")).EnumerateArray(), o => o.GetProperty("id").GetGuid() == booked.Id);

        var token = await LinkTokenAsync(booked.Email, extensionId);
        using var phone = app.Factory.ClientForCity("witten");
        var decision = $"/auftragserweiterung/{extensionId}?k={token}";
        var shown = await phone.GetStringAsync(decision);
        Assert.Contains("sicherheitsrelevant", shown);
        Assert.Contains("238,60", shown);   // (120,50 € + 80 €) net, with 19 % VAT
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync($"/auftragserweiterung/{extensionId}")).StatusCode);
        var items = ItemIds().Matches(shown).Select(m => m.Groups[1].Value).ToList();
        using (var confirmed = await phone.SubmitAsync(decision, new Dictionary<string, string>
        {
            ["k"] = token,
            ["PageVersion"] = VersionField().Match(shown).Groups[1].Value,
            [$"Choices[{items[0]}]"] = "yes",
            [$"Choices[{items[1]}]"] = "no",
        }))
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var done = await phone.GetStringAsync(decision);
        Assert.Contains("data-testid=\"decided\"", done);
        Assert.Contains("freigegeben und bezahlt", done);
        Assert.Contains("freigegeben und bezahlt", await staffs.GetStringAsync(page));
        var column = BoardColumn().Match(await staffs.GetStringAsync("/workshop?handler=Board")).Value;   // the board's own refresh
        Assert.Contains($"data-order=\"{booked.Id}\"", column);
        Assert.Contains("freigegeben und bezahlt", column);
        Assert.Equal(23_860, Assert.Single(await ExtraChargesAsync(booked.Email)).Amount);
    }

    [GeneratedRegex("name=\"extensionId\" value=\"([0-9a-f-]+)\"")]
    private static partial Regex ExtensionIdField();

    [GeneratedRegex("data-column=\"InService\".*?</section>", RegexOptions.Singleline)]
    private static partial Regex BoardColumn();

    [GeneratedRegex("data-item=\"([0-9a-f-]+)\"")]
    private static partial Regex ItemIds();

    [GeneratedRegex("name=\"PageVersion\" value=\"([0-9a-f]+)\"")]
    private static partial Regex VersionField();

    private static byte[] Jpeg()
    {
        using var bitmap = new SKBitmap(640, 480);
        using (var canvas = new SKCanvas(bitmap)) canvas.Clear(SKColors.DarkRed);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static object Item(string title, int parts, int labour, string urgency, Guid[] photos) =>
        new { title, description = $"{title}: verschlissen, bitte erneuern.", partsNetCents = parts, labourNetCents = labour, urgency, photoIds = photos };

    private async Task<(PaymentsApp.Booked Booked, PlatformUser Staff)> InServiceAsync(int slotIndex, string method = "pm_card_visa")
    {
        var booked = await app.BookAsync(slotIndex);
        Assert.NotNull(await app.PayAsync(booked.PaymentUrl, method));
        Assert.Equal("Confirmed", await PaymentsApp.EventuallyAsync(() => app.StatusAsync(booked.Id), "Confirmed"));
        await app.Database.ExecuteAsync("UPDATE bookings SET status = 'InService' WHERE id = @p0", booked.Id);
        var staff = await app.Database.AddPersonAsync($"werkstatt-{Guid.NewGuid():N}@extensions.test");
        var workshop = await app.Database.ScalarAsync<string>("SELECT w.name FROM partner_workshops w JOIN bookings b ON b.workshop_id = w.id WHERE b.id = @p0", booked.Id);
        await app.Database.GrantAsync(await WittenAsync(), staff, MembershipRole.WorkshopStaff, workshop);
        return (booked, staff);
    }

    private async Task<CityTenantInfo> WittenAsync()
    {
        await using var db = app.Database.CreateContext();
        return (await db.Cities.AsNoTracking().SingleAsync(c => c.Slug == "witten")).ToTenantInfo();
    }

    /// <summary>A second workshop of Witten, not the booking's.</summary>
    private async Task<string> OtherWorkshopAsync()
    {
        var name = $"Zweite Werkstatt {Guid.NewGuid():N}"[..30];
        await using var db = app.Database.CreateContext();
        using var tenant = app.Database.Tenancy.BeginScope(await WittenAsync());
        db.PartnerWorkshops.Add(Platform.Workshops.PartnerWorkshop.Create(name, new Platform.Geography.Address("Hauptstraße 9", "58452", "Witten"), [], DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return name;
    }

    private HttpClient StaffClient(PlatformUser staff)
    {
        var client = app.Factory.ClientWithCookie(PaymentsApp.Host, Sessions.Cookie(app.Factory.Services, staff, secondFactor: true));
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return client;
    }

    private static async Task<JsonElement> DraftAsync(HttpClient staffs, Guid bookingId, object[] items)
    {
        using var drafted = await staffs.PostAsJsonAsync($"/api/v1/bookings/{bookingId}/extensions", new { items });
        Assert.True(drafted.StatusCode == HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        return await drafted.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, Guid id, string token, (Guid Id, bool Approved)[] choices, string? version) =>
        client.PostAsJsonAsync($"/api/v1/extensions/{id}/decision?k={token}",
            new { items = choices.Select(c => new { id = c.Id, approved = c.Approved }), pageVersion = version });

    private static async Task<Guid> UploadAsync(HttpClient staffs, Guid bookingId)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Jpeg());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "bremse.jpg");
        using var uploaded = await staffs.PostAsync($"/api/v1/bookings/{bookingId}/extension-photos", form);
        Assert.True(uploaded.StatusCode == HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        return (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The secret of the link in the customer's email, read back from maildev.</summary>
    private static async Task<string> LinkTokenAsync(string email, Guid extensionId)
    {
        var mail = Assert.Single(await Maildev.MatchingAsync(email, m => m.Text.Contains($"/auftragserweiterung/{extensionId}", StringComparison.Ordinal), seconds: 30));
        return Link().Match(mail.Text).Groups[1].Value;
    }

    private async Task FollowUpAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExpireExtensions>().RunAsync();
    }

    /// <summary>What Stripe (the emulator) holds for the customer besides the booking's own payment: the charges of extra work.</summary>
    private async Task<List<Stripe.PaymentIntent>> ExtraChargesAsync(string email)
    {
        var customer = await app.Database.ScalarAsync<string>(
            "SELECT c.provider_customer_id FROM payment_customers c JOIN users u ON u.id = c.user_id WHERE u.normalized_email = upper(@p0)", email);
        var booking = await app.Database.ScalarAsync<string>(
            "SELECT p.payment_intent_id FROM payments p JOIN bookings b ON b.id = p.booking_id WHERE b.contact_email = @p0 AND p.purpose = 'Booking'", email);
        var intents = (await app.StripeNet().V1.PaymentIntents.ListAsync(new Stripe.PaymentIntentListOptions { Customer = customer, Limit = 100 })).Data;
        return intents.Where(i => i.Id != booking).ToList();
    }

    [GeneratedRegex(@"/auftragserweiterung/[0-9a-f-]+\?k=([A-Za-z0-9_-]+)")]
    private static partial Regex Link();
}
