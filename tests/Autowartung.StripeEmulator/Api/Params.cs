using System.Globalization;

namespace Autowartung.StripeEmulator.Api;

/// <summary>
/// A request's parameters in Stripe's bracket notation as a tree: <c>metadata[booking_id]=7</c>,
/// <c>line_items[0][price_data][unit_amount]=4900</c>, <c>expand[]=payment_intent</c>. The typed readers refuse
/// what Stripe refuses, with Stripe's error codes and the parameter's full name.
/// </summary>
public sealed class Params
{
    private readonly Dictionary<string, Params> children = new(StringComparer.Ordinal);
    private string? value;

    private Params(string path) => Path = path;

    /// <summary>The name Stripe gives this parameter in errors, e.g. <c>line_items[0][quantity]</c>.</summary>
    public string Path { get; }

    public static Params Parse(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var root = new Params("");
        foreach (var (key, value) in pairs)
        {
            root.Add(Segments(key), value);
        }
        return root;
    }

    /// <summary><c>a[b][]</c> → a, b, "" (an empty segment appends). A malformed key stays whole and is unknown.</summary>
    public static IReadOnlyList<string> Segments(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open <= 0)
        {
            return [key];
        }
        var segments = new List<string> { key[..open] };
        var rest = key.AsSpan(open);
        while (rest.Length > 0)
        {
            var close = rest.IndexOf(']');
            if (rest[0] != '[' || close < 0)
            {
                return [key];
            }
            segments.Add(rest[1..close].ToString());
            rest = rest[(close + 1)..];
        }
        return segments;
    }

    public string? String(string name)
    {
        var child = Child(name);
        return child is null ? null : child.Leaf() is { Length: > 0 } text ? text : null;
    }

    public string RequiredString(string name)
    {
        var child = Child(name) ?? throw StripeException.ParameterMissing(NameOf(name));
        var text = child.Leaf();
        return text.Length > 0 ? text : throw StripeException.ParameterEmpty(child.Path);
    }

    public long? Integer(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw StripeException.InvalidInteger(NameOf(name), text);
    }

    public long RequiredInteger(string name)
    {
        RequiredString(name);
        return Integer(name)!.Value;
    }

    public bool? Boolean(string name) => String(name) switch
    {
        null => null,
        "true" => true,
        "false" => false,
        var other => throw StripeException.Invalid($"Invalid boolean: {other}", NameOf(name)),
    };

    /// <summary>One of Stripe's enum values, or null when absent.</summary>
    public string? Enum(string name, params string[] allowed)
    {
        var text = String(name);
        return text is null || allowed.Contains(text, StringComparer.Ordinal) ? text : throw StripeException.InvalidEnum(NameOf(name), allowed);
    }

    /// <summary>A nested hash such as <c>payment_intent_data</c>; null when absent.</summary>
    public Params? Hash(string name)
    {
        var child = Child(name);
        if (child is { value.Length: > 0, children.Count: 0 })
        {
            throw StripeException.Invalid("Invalid object", child.Path);
        }
        return child;
    }

    public Params RequiredHash(string name) => Hash(name) ?? throw StripeException.ParameterMissing(NameOf(name));

    /// <summary>An array sent as <c>name[0]=…&amp;name[1]=…</c> or <c>name[]=…</c>, in index order.</summary>
    public IReadOnlyList<Params> Array(string name)
    {
        var child = Child(name);
        if (child is null || child.children.Count == 0 && string.IsNullOrEmpty(child.value))
        {
            return [];
        }
        var indexed = new List<(int Index, Params Item)>();
        foreach (var (key, item) in child.children)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw StripeException.Invalid("Invalid array", child.Path);
            }
            indexed.Add((index, item));
        }
        if (child.value is { Length: > 0 })
        {
            throw StripeException.Invalid("Invalid array", child.Path);
        }
        return indexed.OrderBy(i => i.Index).Select(i => i.Item).ToList();
    }

    public IReadOnlyList<string> StringArray(string name) => Array(name).Select(item => item.Leaf()).ToList();

    /// <summary>A string-to-string hash; an empty value means "no such key", as when Stripe unsets one.</summary>
    public Dictionary<string, string> Metadata(string name)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var hash = Hash(name);
        if (hash is null)
        {
            return metadata;
        }
        foreach (var (key, item) in hash.children)
        {
            if (item.Leaf() is { Length: > 0 } text)
            {
                metadata[key] = text;
            }
        }
        return metadata;
    }

    private string NameOf(string name) => Path.Length == 0 ? name : $"{Path}[{name}]";

    private Params? Child(string name) => children.GetValueOrDefault(name);

    private string Leaf() =>
        children.Count == 0 ? value ?? "" : throw StripeException.Invalid("Invalid string: {...}", Path);

    private void Add(IReadOnlyList<string> segments, string text)
    {
        var node = this;
        for (var i = 0; i < segments.Count; i++)
        {
            var name = segments[i].Length > 0 ? segments[i] : node.AppendedName(segments, i);
            if (!node.children.TryGetValue(name, out var child))
            {
                child = new Params(node.NameOf(name));
                node.children.Add(name, child);
            }
            node = child;
        }
        node.value = text;
    }

    /// <summary>
    /// The index an empty segment (<c>name[]</c>) stands for: a new element, unless more segments follow and the
    /// last element does not have them yet (<c>items[][a]=1&amp;items[][b]=2</c> is one element, as Rack reads it).
    /// </summary>
    private string AppendedName(IReadOnlyList<string> segments, int position)
    {
        var count = children.Count;
        if (position + 1 < segments.Count && count > 0
            && children.TryGetValue((count - 1).ToString(CultureInfo.InvariantCulture), out var last)
            && !last.children.ContainsKey(segments[position + 1]))
        {
            return (count - 1).ToString(CultureInfo.InvariantCulture);
        }
        return count.ToString(CultureInfo.InvariantCulture);
    }
}
