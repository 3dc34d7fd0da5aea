using System.Net;

namespace Autowartung.StripeEmulator.Tests.Support;

/// <summary>Drives the hosted pages as a browser would, one hop at a time.</summary>
public static class HostedPages
{
    public static Task<HttpResponseMessage> PayAsync(this HttpClient browser, string sessionUrl, string paymentMethod,
        string? iban = null, string? accountHolder = null)
    {
        var form = new Dictionary<string, string> { ["payment_method"] = paymentMethod };
        if (iban is not null)
        {
            form["iban"] = iban;
        }
        if (accountHolder is not null)
        {
            form["account_holder"] = accountHolder;
        }
        return browser.PostAsync(sessionUrl, new FormUrlEncodedContent(form));
    }

    /// <summary>Posts the 3-D Secure page's button: <c>complete</c> or <c>fail</c>.</summary>
    public static Task<HttpResponseMessage> AuthenticateAsync(this HttpClient browser, string threeDsUrl, string outcome) =>
        browser.PostAsync(threeDsUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["outcome"] = outcome }));

    public static string SeeOther(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        return response.Headers.Location!.ToString();
    }
}
