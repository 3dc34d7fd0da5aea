using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Autowartung.ServiceDefaults.Problems;

/// <summary>
/// Refuses, before any endpoint, what no endpoint can use: a body larger than the route takes (its
/// <see cref="IRequestSizeLimitMetadata"/>, checked against <c>Content-Length</c> before a byte is read;
/// Kestrel enforces the same limit on a body without one), JSON in a charset other than UTF-8, and a
/// control character in a query value, a route value or a form field. JSON bodies get the same control
/// character check while they are read (<see cref="PlainTextJsonConverter"/>). Runs after routing, so
/// it knows the endpoint, and before authentication, so nothing of the input reaches the database.
/// </summary>
internal sealed class InputGuard(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } limit && request.ContentLength > limit)
        {
            await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, BadRequestProblems.BodyField, "Die Anfrage ist größer, als diese Adresse annimmt.");
            return;
        }

        if (IsJsonInAnotherCharset(request))
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, "Content-Type", "Bitte als application/json in UTF-8 senden.");
            return;
        }

        if (await FieldWithControlCharacterAsync(context) is { } field)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, field, ControlCharacters.Message);
            return;
        }

        await next(context);
    }

    /// <summary>
    /// JSON is UTF-8 (RFC 8259). The framework would transcode UTF-16 into nonsense and fail with a 500 on
    /// a charset it does not know, so anything but UTF-8 is refused by name.
    /// </summary>
    private static bool IsJsonInAnotherCharset(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && type.Charset.HasValue
        && !HeaderUtilities.RemoveQuotes(type.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase);

    private static async Task<string?> FieldWithControlCharacterAsync(HttpContext context)
    {
        foreach (var (key, values) in context.Request.Query)
            if (ControlCharacters.Contains(key) || values.Any(ControlCharacters.Contains)) return ControlCharacters.Contains(key) ? "query" : key;

        foreach (var (key, value) in context.Request.RouteValues)
            if (value is string text && ControlCharacters.Contains(text)) return key;

        // Only url-encoded forms: a multipart upload is read by its page, with its own limits.
        if (context.Request.HasFormContentType
            && MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            foreach (var (key, values) in form)
                if (ControlCharacters.Contains(key) || values.Any(ControlCharacters.Contains)) return ControlCharacters.Contains(key) ? BadRequestProblems.BodyField : key;
        }
        return null;
    }

    private async Task RefuseAsync(HttpContext context, int status, string field, string message)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = BadRequestProblems.Problem(status, field, message) });
    }
}
