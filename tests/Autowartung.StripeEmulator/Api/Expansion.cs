using System.Text.Json.Nodes;

namespace Autowartung.StripeEmulator.Api;

/// <summary>
/// Stripe's <c>expand[]</c>: a field holding an object's id is replaced by that object, level by level
/// (<c>payment_intent.latest_charge</c>), through a list's <c>data</c>.
/// </summary>
public static class Expansion
{
    public static void Apply(JsonObject root, IReadOnlyList<string> paths, Account account)
    {
        foreach (var path in paths)
        {
            Expand(root, path.Split('.'), 0, path, account);
        }
    }

    private static void Expand(JsonNode? node, string[] fields, int depth, string path, Account account)
    {
        if (depth == fields.Length || node is not JsonObject current)
        {
            return;
        }
        var field = fields[depth];
        if (!current.TryGetPropertyValue(field, out var value))
        {
            throw StripeException.Invalid($"This property cannot be expanded ({path}).", "expand");
        }
        switch (value)
        {
            case null:
                return;
            case JsonArray list when field == "data":
                foreach (var item in list)
                {
                    Expand(item, fields, depth + 1, path, account);
                }
                return;
            case JsonObject already:
                Expand(already, fields, depth + 1, path, account);
                return;
            case JsonValue id when id.TryGetValue<string>(out var text) && account.Find(text) is { } target:
                var expanded = StripeJson.Snapshot(target);
                current[field] = expanded;
                Expand(expanded, fields, depth + 1, path, account);
                return;
            default:
                throw StripeException.Invalid($"This property cannot be expanded ({path}).", "expand");
        }
    }
}
