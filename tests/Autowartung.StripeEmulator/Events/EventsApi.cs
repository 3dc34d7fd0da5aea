using Autowartung.StripeEmulator.Api;

namespace Autowartung.StripeEmulator.Events;

/// <summary><c>GET /v1/events/{id}</c> and <c>GET /v1/events</c>.</summary>
public static class EventsApi
{
    private static readonly ParamSchema RetrieveParams = new();
    private static readonly ParamSchema ListParams = new("type", "types[#]", "limit", "starting_after");

    public static void MapEventsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapApi("GET", "/events/{id}", RetrieveParams, call => call.Account.Get<StripeEvent>(call.Id, "event"));
        v1.MapApi("GET", "/events", ListParams, List);
    }

    private static StripeList List(ApiCall call)
    {
        var type = call.Params.String("type");
        var types = call.Params.StringArray("types");
        var events = call.Account.NewestFirst<StripeEvent>()
            .Where(e => (type is null || Matches(e.Type, type)) && (types.Count == 0 || types.Any(t => Matches(e.Type, t))));
        return StripeList.Page(events, call.Params, "/v1/events");
    }

    /// <summary>Stripe's filter allows one trailing wildcard: <c>payment_intent.*</c>.</summary>
    private static bool Matches(string type, string filter) =>
        filter.EndsWith(".*", StringComparison.Ordinal)
            ? type.StartsWith(filter[..^1], StringComparison.Ordinal)
            : type == filter;
}
