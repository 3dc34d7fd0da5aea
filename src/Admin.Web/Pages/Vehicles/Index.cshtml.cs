using System.Text;
using Autowartung.Platform;
using Autowartung.Platform.Data;
using Autowartung.Platform.Vehicles;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Admin.Web.Pages.Vehicles;

/// <summary>The vehicle catalog: how many models and key numbers it holds, and the CSV import.</summary>
[RequestSizeLimit(MaxUploadBytes + 64 * 1024)]
public sealed class IndexModel(PlatformDbContext db, ImportVehicleCatalog import) : PageModel
{
    public const int MaxUploadBytes = 1024 * 1024;

    public int Models { get; private set; }

    public int KeyNumbers { get; private set; }

    /// <summary>The import's answer, once a file was sent.</summary>
    public Result<ImportVehicleCatalog.Imported>? Import { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>413 for a file over 1 MB, 415 for one that is not text, the named line errors for bad content.</summary>
    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Bitte eine CSV-Datei wählen.");
            await LoadAsync(cancellationToken);
            return Page();
        }
        if (file.Length > MaxUploadBytes) return StatusCode(StatusCodes.Status413PayloadTooLarge);

        // Judged by its bytes, not its name: UTF-8 text without control bytes.
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }
        if (text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'))) return StatusCode(StatusCodes.Status415UnsupportedMediaType);

        Import = await import.RunAsync(new StringReader(text.TrimStart('\uFEFF')), cancellationToken);
        if (!Import.Value.Succeeded) Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Models = await db.VehicleModels.CountAsync(cancellationToken);
        KeyNumbers = await db.VehicleKeyNumbers.CountAsync(cancellationToken);
    }
}
