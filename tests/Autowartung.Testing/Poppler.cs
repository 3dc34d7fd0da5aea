using System.Diagnostics;
using System.Text;

namespace Autowartung.Testing;

/// <summary>Reads PDFs back with poppler (Debian's <c>poppler-utils</c>), as a person's PDF viewer would.</summary>
public static class Poppler
{
    /// <summary>The PDF's text; <paramref name="layout"/> keeps each line's words on one line, as they are placed.</summary>
    public static string Text(byte[] pdf, bool layout = false) =>
        layout ? Run(pdf, "pdftotext", "-enc", "UTF-8", "-layout") : Run(pdf, "pdftotext", "-enc", "UTF-8");

    /// <summary>What <c>pdfinfo</c> says: pages, title, page size.</summary>
    public static string Info(byte[] pdf) => Run(pdf, "pdfinfo", "-enc", "UTF-8");

    private static string Run(byte[] pdf, string tool, params string[] options)
    {
        var file = Path.Combine(Path.GetTempPath(), $"protocol-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
                UseShellExecute = false,
            };
            foreach (var option in options) start.ArgumentList.Add(option);
            start.ArgumentList.Add(file);
            if (tool == "pdftotext") start.ArgumentList.Add("-");

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {errors.Result}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
