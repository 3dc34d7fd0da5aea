using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Autowartung.StripeEmulator.Tests.Support;

/// <summary>An API answer: status, raw body, headers, and the body as JSON.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, string Body, HttpResponseHeaders Headers)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public string Id => Json["id"]!.GetValue<string>();

    public JsonNode Error => Json["error"]!;

    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? values.Single() : null;
}

/// <summary>Talks to the emulator as a Stripe client does: bearer key, form-encoded bodies.</summary>
public sealed class StripeApi
{
    public const string ApiKey = "sk_test_emulator_tests";

    public StripeApi(HttpClient http)
    {
        Http = http;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
    }

    public HttpClient Http { get; }

    public Task<ApiAnswer> PostAsync(string path, params (string Key, string Value)[] form) => PostAsync(path, null, form);

    public async Task<ApiAnswer> PostAsync(string path, string? idempotencyKey, params (string Key, string Value)[] form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await SendAsync(request);
    }

    public async Task<ApiAnswer> GetAsync(string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        return await SendAsync(request);
    }

    public async Task<ApiAnswer> CreateCustomerAsync(string email = "kundin@example.de") =>
        Ok(await PostAsync("/v1/customers", ("email", email), ("name", "Erika Mustermann")));

    /// <summary>A session for one 49,00 € inspection, plus whatever the test adds.</summary>
    public async Task<ApiAnswer> CreateSessionAsync(params (string Key, string Value)[] extra) =>
        Ok(await PostAsync("/v1/checkout/sessions", [.. SessionParams, .. extra]));

    public static readonly (string Key, string Value)[] SessionParams =
    [
        ("mode", "payment"),
        ("success_url", "https://autowartung.test/bezahlt?session_id={CHECKOUT_SESSION_ID}"),
        ("cancel_url", "https://autowartung.test/abgebrochen"),
        ("line_items[0][price_data][currency]", "eur"),
        ("line_items[0][price_data][unit_amount]", "4900"),
        ("line_items[0][price_data][product_data][name]", "Inspektion"),
        ("line_items[0][quantity]", "1"),
    ];

    public static ApiAnswer Ok(ApiAnswer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, $"Expected 200, got {(int)answer.Status}: {answer.Body}");
        return answer;
    }

    private async Task<ApiAnswer> SendAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        return new ApiAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers);
    }
}
