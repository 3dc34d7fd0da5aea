using Autowartung.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Autowartung.Web.UseCases;

/// <summary>
/// The one mapping of a use case's <see cref="Result"/> to an HTTP answer: not found is 404, invalid is
/// 400 with the field errors, conflict is 409 with the reason (and the failure's details, when it has
/// any, as <c>details</c>). Problem titles follow the request's language in the problem-details service.
/// The answers are typed, so the OpenAPI document lists every one of them.
/// </summary>
public static class ResultHttp
{
    public static Results<Ok<TBody>, NotFound, ValidationProblem, Conflict<ProblemDetails>> ToHttp<T, TBody>(this Result<T> result, Func<T, TBody> body) =>
        result.Succeeded
            ? TypedResults.Ok(body(result.Value))
            : result.Failure.Status switch
            {
                ResultStatus.NotFound => TypedResults.NotFound(),
                ResultStatus.Invalid => Invalid(result.Failure),
                _ => Conflict(result.Failure),
            };

    public static Results<Created<TBody>, NotFound, ValidationProblem, Conflict<ProblemDetails>> ToCreated<T, TBody>(
        this Result<T> result, Func<T, string> location, Func<T, TBody> body) =>
        result.Succeeded
            ? TypedResults.Created(location(result.Value), body(result.Value))
            : result.Failure.Status switch
            {
                ResultStatus.NotFound => TypedResults.NotFound(),
                ResultStatus.Invalid => Invalid(result.Failure),
                _ => Conflict(result.Failure),
            };

    public static Results<NoContent, NotFound, ValidationProblem, Conflict<ProblemDetails>> ToHttp(this Result result) =>
        result.Succeeded
            ? TypedResults.NoContent()
            : result.Failure.Status switch
            {
                ResultStatus.NotFound => TypedResults.NotFound(),
                ResultStatus.Invalid => Invalid(result.Failure),
                _ => Conflict(result.Failure),
            };

    public static ValidationProblem Invalid(Failure failure) => TypedResults.ValidationProblem(failure.Errors.ToDictionary());

    public static Conflict<ProblemDetails> Conflict(Failure failure)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = failure.Reason };
        if (failure.Details is { } details) problem.Extensions["details"] = details;
        return TypedResults.Conflict(problem);
    }
}
