using System.Globalization;
using System.Text;

namespace Autowartung.Platform.Payments.Stripe;

/// <summary>
/// A request body as Stripe expects it: <c>application/x-www-form-urlencoded</c> with bracket notation
/// for nested values (<c>metadata[booking_id]=…</c>, <c>line_items[0][quantity]=1</c>, <c>expand[]=…</c>).
/// </summary>
public sealed class StripeForm
{
    private readonly List<KeyValuePair<string, string>> _fields = [];

    public StripeForm Add(string key, string? value)
    {
        if (value is not null) _fields.Add(new(key, value));
        return this;
    }

    public StripeForm Add(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public StripeForm Add(string key, bool value) => Add(key, value ? "true" : "false");

    public StripeForm AddMetadata(string prefix, IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (key, value) in metadata.OrderBy(m => m.Key, StringComparer.Ordinal)) Add($"{prefix}[{key}]", value);
        return this;
    }

    public StripeForm AddList(string key, IEnumerable<string> values)
    {
        var index = 0;
        foreach (var value in values) Add($"{key}[{index++}]", value);
        return this;
    }

    public StripeForm AddExpand(IEnumerable<string> paths)
    {
        foreach (var path in paths) Add("expand[]", path);
        return this;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Fields => _fields;

    public string Encode() =>
        string.Join('&', _fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    public HttpContent ToContent() => new StringContent(Encode(), Encoding.UTF8, "application/x-www-form-urlencoded");
}
