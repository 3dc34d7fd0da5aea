using System.Text.Json.Nodes;

namespace Autowartung.StripeEmulator.Tests.Support;

/// <summary>Short reads of Stripe JSON in assertions: <c>intent.Text("status")</c>.</summary>
public static class JsonAccess
{
    public static string? Text(this JsonNode? node, string field) => node?[field]?.GetValue<string>();

    public static long? Number(this JsonNode? node, string field) => node?[field]?.GetValue<long>();

    public static bool? Flag(this JsonNode? node, string field) => node?[field]?.GetValue<bool>();

    /// <summary>True when the field is there and JSON null (Stripe writes absent values as null, not by leaving them out).</summary>
    public static bool IsNull(this JsonNode? node, string field) =>
        node is JsonObject obj && obj.TryGetPropertyValue(field, out var value) && value is null;

    public static IReadOnlyList<JsonNode> Items(this JsonNode? list) => list!["data"]!.AsArray().Select(item => item!).ToList();
}
