namespace Autowartung.StripeEmulator.Api;

/// <summary>Stripe's list object: <c>{object: "list", data, has_more, url}</c>, newest first.</summary>
public sealed class StripeList
{
    private StripeList(IReadOnlyList<object> data, bool hasMore, string url)
    {
        Data = data;
        HasMore = hasMore;
        Url = url;
    }

    public string Object => "list";

    /// <summary>Typed as object so each element is written with all the fields of its own type.</summary>
    public IReadOnlyList<object> Data { get; }

    public bool HasMore { get; }

    public string Url { get; }

    /// <summary>One page: <c>limit</c> (1–100, default 10) items after <c>starting_after</c>.</summary>
    public static StripeList Page<T>(IEnumerable<T> newestFirst, Params parameters, string url) where T : StripeObject
    {
        var limit = parameters.Integer("limit") ?? 10;
        if (limit is < 1 or > 100)
        {
            throw StripeException.Invalid("This value must be greater than or equal to 1 and less than or equal to 100.", "limit");
        }
        var items = newestFirst.ToList();
        if (parameters.String("starting_after") is { } after)
        {
            var position = items.FindIndex(item => item.Id == after);
            if (position < 0)
            {
                throw StripeException.Invalid($"No such object: '{after}'", "starting_after", "resource_missing");
            }
            items = items.Skip(position + 1).ToList();
        }
        return new StripeList(items.Take((int)limit).Cast<object>().ToList(), items.Count > limit, url);
    }
}
