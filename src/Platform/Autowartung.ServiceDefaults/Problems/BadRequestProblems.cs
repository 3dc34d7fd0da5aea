using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Autowartung.ServiceDefaults.Problems;

/// <summary>
/// Turns what the framework refuses before an endpoint runs into a 400 (413, 415) ProblemDetails that
/// names the field: a body the JSON reader rejects (malformed, a wrong type, a number out of range, a
/// lone surrogate, a control character), a query value that does not parse, a missing body, a body or
/// form over its limit. Minimal APIs throw these as <see cref="BadHttpRequestException"/> in every
/// environment (<c>ThrowOnBadRequest</c>, set in <see cref="ProblemDetailsSetup"/>), so this is the one
/// place that answers them, the same way in Development as in production.
/// </summary>
internal sealed partial class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public const string BodyField = "body";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, field, message) = exception switch
        {
            BadHttpRequestException bad => Describe(bad),
            // The form reader's own limits (too many fields, a key too long).
            InvalidDataException => (StatusCodes.Status400BadRequest, BodyField, "Das Formular ist zu groß oder nicht lesbar."),
            _ => (0, "", ""),
        };
        if (status == 0 || context.Response.HasStarted) return false;

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = Problem(status, field, message),
        });
    }

    /// <summary>A 400 (or 413, 415) naming one field, in German; <see cref="ProblemDetailsSetup"/> translates it for English requests.</summary>
    public static HttpValidationProblemDetails Problem(int status, string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = status,
            Title = status switch
            {
                StatusCodes.Status413PayloadTooLarge => "Die Anfrage ist zu groß.",
                StatusCodes.Status415UnsupportedMediaType => "Dieses Format wird nicht angenommen.",
                _ => "Die Anfrage ist so nicht lesbar.",
            },
        };

    private static (int Status, string Field, string Message) Describe(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
            return (StatusCodes.Status400BadRequest, FieldOf(json.Path), json switch
            {
                ControlCharacterJsonException => ControlCharacters.Message,
                _ when json.Path is null or "$" => "Der Inhalt ist kein lesbares JSON-Objekt.",
                _ => "Der Wert hat nicht den erwarteten Typ, ist zu groß oder nicht lesbar.",
            });

        // The framework names the parameter only in its message: "Failed to bind parameter "Guid? quoteId" from "x".",
        // "Required parameter "Guid quoteId" was not provided from query string.", "… from body."; its messages are not localized.
        var parameter = ParameterInMessage().Match(exception.Message) is { Success: true } match ? match.Groups["name"].Value : null;
        var valueNotParsed = exception.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal);
        var fromBody = !valueNotParsed && exception.Message.Contains("body", StringComparison.Ordinal);
        return exception.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => (StatusCodes.Status413PayloadTooLarge, BodyField, "Die Anfrage ist größer, als diese Adresse annimmt."),
            StatusCodes.Status415UnsupportedMediaType => (StatusCodes.Status415UnsupportedMediaType, "Content-Type", "Bitte als application/json in UTF-8 senden."),
            _ when fromBody || parameter is null => (StatusCodes.Status400BadRequest, BodyField, "Bitte die Angaben als JSON-Objekt senden."),
            _ => (StatusCodes.Status400BadRequest, parameter, "Der Wert ist so nicht lesbar."),
        };
    }

    /// <summary><c>$.vehicle.year</c> → <c>vehicle.year</c>, the way the use cases name their fields; the whole body is <c>body</c>.</summary>
    public static string FieldOf(string? jsonPath) => jsonPath switch
    {
        null or "" or "$" => BodyField,
        _ when jsonPath.StartsWith("$.", StringComparison.Ordinal) => jsonPath[2..],
        _ => jsonPath.TrimStart('$'),
    };

    [GeneratedRegex("parameter \"[^\"]* (?<name>[^\" ]+)\"")]
    private static partial Regex ParameterInMessage();
}
