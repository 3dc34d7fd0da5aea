using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Autowartung.Testing;

/// <summary>The local SMTP catcher `./dev.sh up` runs: what the platform sent, read through maildev's REST API.</summary>
public static partial class Maildev
{
    public static int SmtpPort { get; } = int.Parse(Environment.GetEnvironmentVariable("AUTOWARTUNG_SMTP_PORT") ?? "1025");

    private static readonly int WebPort = int.Parse(Environment.GetEnvironmentVariable("AUTOWARTUNG_MAILDEV_WEB_PORT") ?? "1080");
    private static readonly HttpClient DefaultHttp = new() { BaseAddress = new Uri($"http://127.0.0.1:{WebPort}") };

    public sealed record Mail(string Subject, string Text, string Html)
    {
        public string Id { get; init; } = "";

        /// <summary>File name and content type of each attachment.</summary>
        public IReadOnlyList<(string FileName, string ContentType, string GeneratedName)> Attachments { get; init; } = [];
    }

    /// <summary>The content of an attachment of <paramref name="mail"/>, as text.</summary>
    public static async Task<string> AttachmentAsync(Mail mail, string fileName, HttpClient? inbox = null)
    {
        var attachment = mail.Attachments.Single(a => a.FileName == fileName);
        return await (inbox ?? DefaultHttp).GetStringAsync($"/api/email/{mail.Id}/attachment/{Uri.EscapeDataString(attachment.GeneratedName)}");
    }

    /// <summary>The bytes of an attachment of <paramref name="mail"/> (a PDF, say).</summary>
    public static async Task<byte[]> AttachmentBytesAsync(Mail mail, string fileName, HttpClient? inbox = null)
    {
        var attachment = mail.Attachments.Single(a => a.FileName == fileName);
        return await (inbox ?? DefaultHttp).GetByteArrayAsync($"/api/email/{mail.Id}/attachment/{Uri.EscapeDataString(attachment.GeneratedName)}");
    }

    /// <summary>
    /// The mails to <paramref name="address"/>, oldest first, waiting up to <paramref name="seconds"/> for at least
    /// <paramref name="atLeast"/>; from the stack's maildev, or from another one's web API (<paramref name="inbox"/>).
    /// </summary>
    public static async Task<IReadOnlyList<Mail>> ToAsync(string address, int atLeast = 1, double seconds = 10, HttpClient? inbox = null)
    {
        var http = inbox ?? DefaultHttp;
        // Asking that nothing came (atLeast 0) means something only once the outbox's job (every half
        // second in tests) has had a few runs to send what it might.
        if (atLeast == 0) await Task.Delay(TimeSpan.FromSeconds(2));
        for (var attempt = 0; ; attempt++)
        {
            var all = await http.GetFromJsonAsync<JsonElement>("/api/email");
            var mails = all.EnumerateArray()
                .Where(m => m.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetProperty("address").GetString(), address, StringComparison.OrdinalIgnoreCase)))
                .Select(m => new Mail(m.GetProperty("subject").GetString() ?? "",
                    m.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "",
                    m.TryGetProperty("html", out var html) ? html.GetString() ?? "" : "")
                {
                    Id = m.GetProperty("id").GetString() ?? "",
                    Attachments = m.TryGetProperty("attachments", out var files) && files.ValueKind == JsonValueKind.Array
                        ? files.EnumerateArray().Select(f => (
                            f.GetProperty("filename").GetString() ?? "",
                            f.GetProperty("contentType").GetString() ?? "",
                            f.TryGetProperty("generatedFileName", out var generated) ? generated.GetString() ?? "" : f.GetProperty("filename").GetString() ?? "")).ToList()
                        : [],
                })
                .ToList();
            if (mails.Count >= atLeast || attempt >= seconds * 5) return mails;
            await Task.Delay(200);
        }
    }

    /// <summary>The first link in a mail's text that starts with <paramref name="prefix"/>.</summary>
    /// <summary>The mails to <paramref name="address"/> that <paramref name="match"/>, once at least one came (or the time is up); other mail to the same person (a jockey's assignment, say) is left aside.</summary>
    public static async Task<IReadOnlyList<Mail>> MatchingAsync(string address, Func<Mail, bool> match, double seconds = 10, HttpClient? inbox = null)
    {
        for (var waited = 0.0; ; waited += 0.5)
        {
            var found = (await ToAsync(address, atLeast: 1, seconds: 0, inbox: inbox)).Where(match).ToList();
            if (found.Count > 0 || waited >= seconds) return found;
            await Task.Delay(500);
        }
    }

    public static Uri Link(Mail mail, string prefix) =>
        new(LinkPattern().Matches(mail.Text).Select(m => m.Value).First(l => l.StartsWith(prefix, StringComparison.Ordinal)));

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
