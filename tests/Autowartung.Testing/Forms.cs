using System.Text.RegularExpressions;

namespace Autowartung.Testing;

/// <summary>Submits a page's form as a browser would: read the page, take its antiforgery token, post.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string page, IDictionary<string, string> fields, string? action = null)
    {
        var html = await client.GetStringAsync(page);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = Token(html) };
        return await client.PostAsync(action ?? page, new FormUrlEncodedContent(form));
    }

    public static string Token(string html) =>
        TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
