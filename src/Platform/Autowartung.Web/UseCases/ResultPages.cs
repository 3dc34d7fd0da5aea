using Autowartung.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Autowartung.Web.UseCases;

/// <summary>
/// The one mapping of a use case's failure to a page: not found is the plain 404 (the same as for a page
/// that does not exist); invalid puts each message on its field and conflict puts the reason on the page's
/// summary, and the page is shown again with 400 or 409, as the API would answer.
/// </summary>
public static class ResultPages
{
    /// <param name="reload">Loads what the page shows besides the form, before it is rendered again.</param>
    /// <param name="prefix">The bound model's name when the page binds one (<c>Input</c>), so field errors land on its fields.</param>
    public static async Task<IActionResult> ShowAsync(this PageModel page, Failure failure, Func<Task> reload, string? prefix = null)
    {
        if (failure.Status == ResultStatus.NotFound) return page.NotFound();
        page.ModelState.Add(failure, prefix);
        page.Response.StatusCode = StatusCode(failure);
        await reload();
        return page.Page();
    }

    public static int StatusCode(Failure failure) => failure.Status switch
    {
        ResultStatus.NotFound => StatusCodes.Status404NotFound,
        ResultStatus.Invalid => StatusCodes.Status400BadRequest,
        ResultStatus.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ResultStatus.UnsupportedType => StatusCodes.Status415UnsupportedMediaType,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>The first message on a field, for the <c>field-error</c> next to its input.</summary>
    public static string? FieldError(this ModelStateDictionary modelState, string field) =>
        modelState[field]?.Errors.FirstOrDefault()?.ErrorMessage;

    /// <summary>Field names are matched case-insensitively, as model state keys are.</summary>
    public static void Add(this ModelStateDictionary modelState, Failure failure, string? prefix = null)
    {
        foreach (var (field, messages) in failure.Errors)
            foreach (var message in messages)
                modelState.AddModelError(prefix is null ? field : $"{prefix}.{field}", message);
        if (failure.Reason is { } reason) modelState.AddModelError(string.Empty, reason);
    }
}

/// <summary>A page with a form whose fields show their errors beside them: <c>@Model.Error("customer.email")</c>.</summary>
public abstract class FormPageModel : PageModel
{
    public string? Error(string field) => ModelState.FieldError(field);
}
