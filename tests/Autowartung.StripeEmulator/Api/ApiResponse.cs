namespace Autowartung.StripeEmulator.Api;

/// <summary>Writes an API answer: a JSON body with its status.</summary>
public static class ApiResponse
{
    public static async Task WriteAsync(HttpContext http, int status, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-cache, no-store";
        await http.Response.WriteAsync(body);
    }

    public static Task WriteAsync(HttpContext http, StripeException error) =>
        WriteAsync(http, error.Status, StripeJson.Write(error.ToBody()));
}
