using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Autowartung.StripeEmulator.Api;

/// <summary>How Stripe writes JSON: snake_case names, null fields present, indented like api.stripe.com.</summary>
public static class StripeJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
        // Bodies are JSON, never embedded in HTML; keep umlauts and quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A detached copy of the object as it is now: what a response or an event carries.</summary>
    public static JsonObject Snapshot(object value) =>
        JsonSerializer.SerializeToNode(value, value.GetType(), Options)!.AsObject();

    public static string Write(JsonNode node) => node.ToJsonString(Options);
}
