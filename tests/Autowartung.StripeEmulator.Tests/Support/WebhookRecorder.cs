using System.Net;
using System.Text.Json.Nodes;

namespace Autowartung.StripeEmulator.Tests.Support;

/// <summary>One webhook request as the receiver saw it.</summary>
public sealed record ReceivedWebhook(string Url, string? Signature, string? ContentType, string? UserAgent, string Body, HttpStatusCode Answer)
{
    public JsonNode Event => JsonNode.Parse(Body)!;
    public string EventId => Event["id"]!.GetValue<string>();
    public string Type => Event["type"]!.GetValue<string>();
    public string ObjectId => Event["data"]!["object"]!["id"]!.GetValue<string>();
}

/// <summary>Stands in for the product's webhook endpoint: records every request and answers 200, or what it is told.</summary>
public sealed class WebhookRecorder : HttpMessageHandler
{
    private readonly Lock sync = new();
    private readonly List<ReceivedWebhook> received = [];
    private readonly Queue<HttpStatusCode> planned = new();

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (sync)
            {
                return received.ToList();
            }
        }
    }

    /// <summary>The next <paramref name="times"/> requests are answered with <paramref name="status"/>.</summary>
    public void AnswerNext(HttpStatusCode status, int times = 1)
    {
        lock (sync)
        {
            for (var i = 0; i < times; i++)
            {
                planned.Enqueue(status);
            }
        }
    }

    /// <summary>Waits until the deliveries about <paramref name="objectId"/> satisfy <paramref name="done"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(string objectId, Func<IReadOnlyList<ReceivedWebhook>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var about = Received.Where(w => w.ObjectId == objectId).ToList();
            if (done(about))
            {
                return about;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Webhooks about {objectId} never arrived as expected; got: {string.Join(", ", about.Select(w => $"{w.Type} ({(int)w.Answer})"))}");
            }
            await Task.Delay(20);
        }
    }

    public Task<IReadOnlyList<ReceivedWebhook>> WaitForTypeAsync(string objectId, string type) =>
        WaitForAsync(objectId, about => about.Any(w => w.Type == type));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        HttpStatusCode answer;
        lock (sync)
        {
            answer = planned.Count > 0 ? planned.Dequeue() : HttpStatusCode.OK;
            received.Add(new ReceivedWebhook(
                request.RequestUri!.ToString(),
                request.Headers.TryGetValues("Stripe-Signature", out var signature) ? signature.Single() : null,
                request.Content.Headers.ContentType?.ToString(),
                request.Headers.TryGetValues("User-Agent", out var agent) ? string.Join(" ", agent) : null,
                body,
                answer));
        }
        return new HttpResponseMessage(answer);
    }

    /// <summary>The factory rotates handlers; this one lives as long as the test host.</summary>
    protected override void Dispose(bool disposing)
    {
    }
}
