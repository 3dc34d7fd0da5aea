namespace Autowartung.StripeEmulator.Api;

/// <summary>What an endpoint handler gets: the parsed parameters, the route's id and the account.</summary>
public sealed class ApiCall(HttpContext http, Params parameters, Account account)
{
    public Params Params => parameters;

    public Account Account => account;

    /// <summary>The <c>{id}</c> of the route.</summary>
    public string Id => http.GetRouteValue("id") as string ?? "";

    public T Service<T>() where T : notnull => http.RequestServices.GetRequiredService<T>();
}
