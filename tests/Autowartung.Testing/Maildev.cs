using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Autowartung.Testing;

/// <summary>The local SMTP catcher `./dev.sh up` runs: what the platform sent, read through maildev's REST API.</summary>
public static partial class Maildev
{
    public static int SmtpPort { get; } = int.Parse(Environment.GetEnvironmentVariable("AUTOWARTUNG_SMTP_PORT") ?? "1025");

    private static readonly int WebPort = int.Parse(Environment.GetEnvironmentVariable("AUTOWARTUNG_MAILDEV_WEB_PORT") ?? "1080");
    private static readonly HttpClient Http = new() { BaseAddress = new Uri($"http://127.0.0.1:{WebPort}") };

    public sealed record Mail(string Subject, string Text, string Html);

    /// <summary>The mails to <paramref name="address"/>, oldest first, waiting up to five seconds for at least <paramref name="atLeast"/>.</summary>
    public static async Task<IReadOnlyList<Mail>> ToAsync(string address, int atLeast = 1)
    {
        for (var attempt = 0; ; attempt++)
        {
            var all = await Http.GetFromJsonAsync<JsonElement>("/api/email");
            var mails = all.EnumerateArray()
                .Where(m => m.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase)))
                .Select(m => new Mail(m.GetProperty("subject").GetString() ?? "",
                    m.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "",
                    m.TryGetProperty("html", out var html) ? html.GetString() ?? "" : ""))
                .ToList();
            if (mails.Count >= atLeast || attempt >= 25) return mails;
            await Task.Delay(200);
        }
    }

    /// <summary>The first link in a mail's text that starts with <paramref name="prefix"/>.</summary>
    public static Uri Link(Mail mail, string prefix) =>
        new(LinkPattern().Matches(mail.Text).Select(m => m.Value).First(l => l.StartsWith(prefix, StringComparison.Ordinal)));

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
