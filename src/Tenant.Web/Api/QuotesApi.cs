using Autowartung.Platform.Cities;
using Autowartung.Platform.Data;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Vehicles;
using Autowartung.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Tenant.Web.Api;

/// <summary>Exact prices: <c>POST /api/v1/quotes</c> and <c>GET /api/v1/quotes/{id}</c>.</summary>
public static class QuotesApi
{
    public sealed record QuoteRequest(VehicleInput? Vehicle, IReadOnlyList<string>? ServiceCodes, string? PostalCode);

    public sealed record Line(string Code, string Description, int NetCents, int VatCents, int GrossCents);

    public sealed record Vehicle(string Make, string Model, int? Year, string Fuel, int? MileageKm, string VehicleClass);

    public sealed record QuoteResponse(
        Guid Id, Guid WorkshopId, Vehicle Vehicle, string PostalCode, IReadOnlyList<Line> Lines,
        int TotalNetCents, int TotalVatCents, int TotalGrossCents, DateTimeOffset ValidUntil);

    public static RouteGroupBuilder MapQuotesApi(this RouteGroupBuilder api)
    {
        var quotes = api.MapGroup("/quotes").WithTags("Quotes").AllowAnonymous().DisableAntiforgery();
        quotes.MapPost("/", CreateAsync);
        quotes.MapGet("/{id:guid}", GetAsync).WithName("GetQuote");
        return api;
    }

    /// <summary>201 with the quote; 400 with field errors, and <c>servedBy</c> when another city serves the PLZ.</summary>
    private static async Task<Results<Created<QuoteResponse>, ValidationProblem>> CreateAsync(
        QuoteRequest request, CreateQuote createQuote, PlatformUrls urls, CancellationToken cancellationToken)
    {
        var quoted = await createQuote.RunAsync(new CreateQuote.Request(request.Vehicle, request.ServiceCodes, request.PostalCode), cancellationToken);
        if (quoted.Succeeded) return TypedResults.Created($"/api/v1/quotes/{quoted.Value.Id}", ToResponse(quoted.Value));
        var extensions = quoted.Failure.Details is LocatePostalCode.ServingCity other
            ? new Dictionary<string, object?> { ["servedBy"] = new { city = other.Slug, name = other.Name, url = urls.City(other.Slug).ToString() } }
            : null;
        return TypedResults.ValidationProblem(quoted.Failure.Errors.ToDictionary(), title: "Die Angaben reichen für ein Angebot nicht aus.", extensions: extensions);
    }

    private static async Task<Results<Ok<QuoteResponse>, NotFound>> GetAsync(Guid id, PlatformDbContext db, CancellationToken cancellationToken) =>
        await db.Quotes.AsNoTracking().SingleOrDefaultAsync(q => q.Id == id, cancellationToken) is { } quote
            ? TypedResults.Ok(ToResponse(quote))
            : TypedResults.NotFound();

    internal static QuoteResponse ToResponse(Quote quote) => new(
        quote.Id, quote.WorkshopId,
        new Vehicle(quote.Vehicle.Make, quote.Vehicle.Model, quote.Vehicle.Year, quote.Vehicle.Fuel.ToString(), quote.Vehicle.MileageKm, quote.Vehicle.Class.ToString()),
        quote.PostalCode,
        quote.Lines.Select(l => new Line(l.Code, l.Description, l.NetCents, l.VatCents, l.GrossCents)).ToList(),
        quote.TotalNetCents, quote.TotalVatCents, quote.TotalGrossCents, quote.ValidUntil);
}
