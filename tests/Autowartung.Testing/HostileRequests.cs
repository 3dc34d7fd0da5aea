using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Autowartung.Testing;

/// <summary>
/// Bad input for every route an app describes in its OpenAPI document (<c>/openapi/v1.json</c>), so a new
/// route is covered without a test of its own. For each POST and PUT with a JSON body: a body the JSON
/// reader rejects (malformed, empty, wrong types field by field, numbers out of range, a lone surrogate,
/// U+0000), one far over any route's limit, and content types that are not UTF-8 JSON; for each query
/// parameter: a value of the wrong type, an empty one, a repeated one, U+0000. Every other part of the
/// request is a plausible value, so each request fails on exactly the one thing it gets wrong.
/// </summary>
public static class HostileRequests
{
    /// <summary>One request and what it must get: one of <paramref name="Expected"/>, and, for a 400, an error for <paramref name="Field"/>.</summary>
    public sealed record Case(string Name, HttpMethod Method, string Path, string? ContentType, byte[]? Body, string? Field, HttpStatusCode[] Expected)
    {
        public override string ToString() => $"{Method} {Path} [{Name}]";
    }

    /// <summary>An operation of the document: method, path with its parameters filled in, and its JSON body schema if it has one.</summary>
    public sealed record Operation(HttpMethod Method, string Template, string Path, JsonElement? BodySchema, IReadOnlyList<(string Name, JsonElement Schema)> Query);

    private const string LoneSurrogate = "\u0001lone-surrogate\u0001";

    private static readonly HttpStatusCode[] BadRequest = [HttpStatusCode.BadRequest];

    private static readonly HttpStatusCode[] AnyClientError =
        [HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity];

    public static async Task<JsonDocument> OpenApiAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/openapi/v1.json answered {(int)response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Every operation of the document; a path parameter takes <paramref name="pathValues"/>[name], else a fresh GUID,
    /// the first value its schema allows (an enum, or a pattern of alternatives such as <c>^(pickup|return)$</c>), or <c>x</c>.
    /// </summary>
    private static string? FirstAllowed(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return null;
        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0) return values[0].ToString();
        return schema.TryGetProperty("pattern", out var pattern)
               && System.Text.RegularExpressions.Regex.Match(pattern.GetString() ?? "", @"^\^\(([a-z]+)(\|[a-z]+)*\)\$$") is { Success: true } alternatives
            ? alternatives.Groups[1].Value
            : null;
    }

    public static IReadOnlyList<Operation> Operations(JsonDocument document, IReadOnlyDictionary<string, string>? pathValues = null)
    {
        var root = document.RootElement;
        var operations = new List<Operation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
            foreach (var entry in path.Value.EnumerateObject())
            {
                if (!IsMethod(entry.Name)) continue;
                var parameters = Parameters(path.Value, entry.Value).Select(p => (
                    Name: p.GetProperty("name").GetString()!, In: p.GetProperty("in").GetString()!,
                    Schema: p.TryGetProperty("schema", out var s) ? Resolve(root, s) : default)).ToList();
                var filled = path.Name;
                foreach (var parameter in parameters.Where(p => p.In == "path"))
                {
                    var value = pathValues?.GetValueOrDefault(parameter.Name)
                        ?? (Format(parameter.Schema) == "uuid" ? Guid.NewGuid().ToString() : FirstAllowed(parameter.Schema) ?? "x");
                    filled = filled.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
                }
                JsonElement? body = entry.Value.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").TryGetProperty("application/json", out var json)
                    && json.TryGetProperty("schema", out var schema)
                        ? Resolve(root, schema)
                        : null;
                operations.Add(new Operation(new HttpMethod(entry.Name.ToUpperInvariant()), path.Name, filled, body,
                    parameters.Where(p => p.In == "query").Select(p => (p.Name, p.Schema)).ToList()));
            }
        return operations;
    }

    /// <summary>A plausible JSON body for the operation, or null when it takes none.</summary>
    public static string? SampleBody(JsonDocument document, Operation operation) =>
        operation.BodySchema is { } schema ? Serialize(Sample(document.RootElement, schema, 0)) : null;

    /// <summary>The hostile requests for every operation with a JSON body or query parameters.</summary>
    public static IReadOnlyList<Case> For(JsonDocument document, IReadOnlyList<Operation> operations)
    {
        var root = document.RootElement;
        var cases = new List<Case>();
        foreach (var operation in operations)
        {
            if (operation.BodySchema is { } schema) cases.AddRange(BodyCases(root, operation, schema));
            cases.AddRange(QueryCases(operation));
        }
        return cases;
    }

    /// <summary>Sends every case and returns what went wrong, one line each: a 5xx, an unexpected status, a problem that does not name the field.</summary>
    public static async Task<IReadOnlyList<string>> SendAsync(HttpClient client, IEnumerable<Case> cases)
    {
        var failures = new List<string>();
        foreach (var @case in cases)
        {
            using var request = new HttpRequestMessage(@case.Method, new Uri(@case.Path, UriKind.Relative));
            if (@case.Body is not null)
            {
                request.Content = new ByteArrayContent(@case.Body);
                if (@case.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", @case.ContentType);
            }
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = response.StatusCode;
            if ((int)status >= 500 || !@case.Expected.Contains(status))
            {
                failures.Add($"{@case}: {(int)status}, expected {string.Join("/", @case.Expected.Select(s => (int)s))} {Shorten(text)}");
                continue;
            }
            if ((int)status < 400) continue;
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{@case}: {(int)status} as {response.Content.Headers.ContentType?.MediaType ?? "nothing"}, not a ProblemDetails {Shorten(text)}");
                continue;
            }
            using var problem = JsonDocument.Parse(text);
            if (!problem.RootElement.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
                failures.Add($"{@case}: {(int)status} without a title");
            if (status == HttpStatusCode.BadRequest && @case.Field is { } field)
            {
                var named = problem.RootElement.TryGetProperty("errors", out var errors)
                    && errors.EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)
                        || e.Name.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase) || e.Name.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase));
                if (!named) failures.Add($"{@case}: 400 does not name \"{field}\" {Shorten(text)}");
            }
        }
        return failures;
    }

    private static IEnumerable<Case> BodyCases(JsonElement root, Operation operation, JsonElement schema)
    {
        var valid = Sample(root, schema, 0);
        Case Make(string name, string? contentType, byte[]? body, string? field, HttpStatusCode[] expected) =>
            new(name, operation.Method, operation.Path, contentType, body, field, expected);
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        const string Json = "application/json";

        yield return Make("malformed", Json, Utf8("{"), "body", BadRequest);
        yield return Make("empty body", Json, [], "body", BadRequest);
        yield return Make("null", Json, Utf8("null"), "body", BadRequest);
        yield return Make("array for the body", Json, Utf8("[]"), "body", BadRequest);
        yield return Make("number for the body", Json, Utf8("1"), "body", BadRequest);
        // Binds, and the endpoint refuses it: whatever it answers, nothing is written.
        yield return Make("empty object", Json, Utf8("{}"), null, AnyClientError);
        yield return Make("2 MB", Json, Utf8($$"""{"padding":"{{new string('a', 2 * 1024 * 1024)}}"}"""), "body", [HttpStatusCode.RequestEntityTooLarge]);
        var body = Utf8(Serialize(valid));
        foreach (var contentType in new[] { "application/json; charset=utf-16", "application/json; charset=bogus", "", "text/plain" })
            yield return Make($"content type \"{contentType}\"", contentType, body, null, [HttpStatusCode.UnsupportedMediaType, HttpStatusCode.BadRequest]);
        yield return Make("no content type", null, body, null, [HttpStatusCode.UnsupportedMediaType, HttpStatusCode.BadRequest]);

        foreach (var (path, wrong, label) in Mutations(root, schema, "", 0))
        {
            var mutated = JsonNode.Parse(Serialize(valid))!;
            Set(mutated, path, wrong);
            yield return Make($"{path}: {label}", Json, Utf8(Serialize(mutated)), path, BadRequest);
        }
    }

    private static IEnumerable<Case> QueryCases(Operation operation)
    {
        if (operation.Query.Count == 0) yield break;
        string Url(string name, params string[] values)
        {
            var pairs = operation.Query.Where(q => q.Name != name).Select(q => $"{q.Name}={Uri.EscapeDataString(SampleText(q.Schema))}")
                .Concat(values.Select(v => $"{name}={Uri.EscapeDataString(v)}"));
            return $"{operation.Path}?{string.Join("&", pairs)}";
        }
        Case Make(string name, string url, string? field, HttpStatusCode[] expected) => new(name, operation.Method, url, null, null, field, expected);

        foreach (var (name, schema) in operation.Query)
        {
            var typed = Format(schema) is "uuid" || Type(schema) is "integer" or "number" or "boolean";
            yield return Make($"{name}: NUL", Url(name, "a\0b"), name, BadRequest);
            yield return Make($"{name}: empty", Url(name, ""), null, [.. AnyClientError, HttpStatusCode.OK]);
            if (!typed) continue;
            yield return Make($"{name}: wrong type", Url(name, "not-a-guid"), name, BadRequest);
            yield return Make($"{name}: repeated", Url(name, SampleText(schema), SampleText(schema)), name, BadRequest);
        }
    }

    /// <summary>For each field, nested ones too, values of the wrong type, out of range, or with characters no text may hold.</summary>
    private static IEnumerable<(string Path, JsonNode? Value, string Label)> Mutations(JsonElement root, JsonElement schema, string path, int depth)
    {
        if (depth > 4) yield break;
        schema = Resolve(root, schema);
        switch (Type(schema))
        {
            case "object" when schema.TryGetProperty("properties", out var properties):
                foreach (var property in properties.EnumerateObject())
                {
                    var child = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    foreach (var mutation in Mutations(root, property.Value, child, depth + 1)) yield return mutation;
                }
                if (path.Length > 0)
                {
                    yield return (path, JsonValue.Create(1), "number for an object");
                    yield return (path, JsonValue.Create("x"), "text for an object");
                }
                break;
            case "array":
                yield return (path, JsonValue.Create("x"), "text for a list");
                yield return (path, JsonValue.Create(1), "number for a list");
                if (schema.TryGetProperty("items", out var items) && Type(Resolve(root, items)) == "string")
                {
                    yield return (path, new JsonArray(JsonValue.Create(1)), "number in a list of text");
                    yield return (path, new JsonArray(JsonValue.Create("a\0b")), "NUL in a list of text");
                }
                break;
            case "integer":
                yield return (path, JsonValue.Create("abc"), "text for a number");
                yield return (path, JsonValue.Create(Format(schema) == "int64" ? 9.3e18 : 2147483648L), "out of range");
                yield return (path, JsonValue.Create(1.5), "fraction for a whole number");
                yield return (path, JsonValue.Create(true), "boolean for a number");
                break;
            case "number":
                yield return (path, JsonValue.Create("abc"), "text for a number");
                yield return (path, JsonValue.Create(true), "boolean for a number");
                break;
            case "boolean":
                yield return (path, JsonValue.Create("abc"), "text for a boolean");
                break;
            default:
                yield return (path, JsonValue.Create(1), "number for text");
                yield return (path, new JsonArray(JsonValue.Create("99998")), "list for text");
                yield return (path, JsonValue.Create(true), "boolean for text");
                yield return (path, JsonValue.Create("a\0b"), "NUL");
                yield return (path, JsonValue.Create("a\u001bb"), "ESC");
                yield return (path, JsonValue.Create(LoneSurrogate), "lone surrogate");
                if (Format(schema) == "uuid") yield return (path, JsonValue.Create("not-a-guid"), "not a GUID");
                break;
        }
    }

    /// <summary>A plausible value of the schema, so that only the mutated field is wrong.</summary>
    private static JsonNode? Sample(JsonElement root, JsonElement schema, int depth)
    {
        schema = Resolve(root, schema);
        switch (Type(schema))
        {
            case "object":
                var node = new JsonObject();
                if (depth < 5 && schema.TryGetProperty("properties", out var properties))
                    foreach (var property in properties.EnumerateObject()) node[property.Name] = Sample(root, property.Value, depth + 1);
                return node;
            case "array":
                return schema.TryGetProperty("items", out var items) && depth < 5 ? new JsonArray(Sample(root, items, depth + 1)) : new JsonArray();
            case "integer": return JsonValue.Create(1);
            case "number": return JsonValue.Create(1.0);
            case "boolean": return JsonValue.Create(true);
            default: return JsonValue.Create(SampleText(schema));
        }
    }

    private static string SampleText(JsonElement schema) => Format(schema) switch
    {
        "uuid" => Guid.NewGuid().ToString(),
        "date" => "2030-01-07",
        "date-time" => "2030-01-07T10:00:00Z",
        _ => Type(schema) switch { "integer" or "number" => "1", "boolean" => "true", _ => "x" },
    };

    /// <summary>The schema behind a <c>$ref</c>, and the non-null branch of a nullable one (<c>oneOf: [null, …]</c>).</summary>
    private static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        for (var i = 0; i < 10; i++)
        {
            if (schema.ValueKind != JsonValueKind.Object) return schema;
            if (schema.TryGetProperty("$ref", out var reference))
            {
                var target = root;
                foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/')) target = target.GetProperty(part.Replace("~1", "/").Replace("~0", "~"));
                schema = target;
                continue;
            }
            var branches = new[] { "oneOf", "anyOf", "allOf" }.Where(k => schema.TryGetProperty(k, out _)).Select(k => schema.GetProperty(k)).FirstOrDefault();
            if (branches.ValueKind == JsonValueKind.Array)
            {
                schema = branches.EnumerateArray().FirstOrDefault(b => Type(b) != "null");
                continue;
            }
            return schema;
        }
        return schema;
    }

    /// <summary>The schema's type; of a list like <c>["integer", "string", "null"]</c> the most specific one.</summary>
    private static string? Type(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return null;
        if (!schema.TryGetProperty("type", out var type))
            return schema.TryGetProperty("properties", out _) ? "object" : schema.TryGetProperty("items", out _) ? "array" : null;
        if (type.ValueKind == JsonValueKind.String) return type.GetString();
        var types = type.EnumerateArray().Select(t => t.GetString()).Where(t => t != "null").ToList();
        return new[] { "object", "array", "integer", "number", "boolean", "string" }.FirstOrDefault(types.Contains) ?? "null";
    }

    private static string? Format(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var format) ? format.GetString() : null;

    private static IEnumerable<JsonElement> Parameters(JsonElement pathItem, JsonElement operation) =>
        new[] { pathItem, operation }.SelectMany(e => e.TryGetProperty("parameters", out var p) ? p.EnumerateArray() : Enumerable.Empty<JsonElement>());

    private static bool IsMethod(string name) => name is "get" or "post" or "put" or "patch" or "delete";

    private static void Set(JsonNode root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var node = root;
        foreach (var part in parts[..^1]) node = node[part]!;
        node[parts[^1]] = value;
    }

    /// <summary>A body as JSON text; the lone surrogate is written by hand, as no JSON writer writes one.</summary>
    private static string Serialize(JsonNode? node) =>
        (node?.ToJsonString() ?? "null").Replace(JsonSerializer.Serialize(LoneSurrogate), "\"\\ud800\"", StringComparison.Ordinal);

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
