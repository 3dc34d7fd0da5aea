using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Autowartung.Admin.Web.Csv;

/// <summary>
/// A table as CSV that German Excel opens as it is: UTF-8 with a byte order mark, <c>;</c> between cells,
/// CRLF after each row, RFC 4180 quoting (a cell holding <c>;</c>, <c>"</c>, CR or LF is put in quotes, its
/// quotes doubled). Text a spreadsheet would run as a formula (starting with <c>= + - @</c>, a tab or CR) gets a
/// leading apostrophe, so a city or person named <c>=HYPERLINK(…)</c> stays text.
/// </summary>
/// <remarks>
/// Numbers are written with the invariant culture and are not guarded (<c>-5</c> stays a number): only text
/// can come from outside. Amounts go out as integer cents, because German Excel takes <c>12.50</c> for text or
/// a date and <c>12,50</c> breaks every other reader, while <c>1250</c> means the same everywhere. Instants go
/// out in UTC as <c>yyyy-MM-dd HH:mm:ss</c>, dates as <c>yyyy-MM-dd</c>: both Excel and scripts read them.
/// </remarks>
public sealed class CsvTable
{
    public const string ContentType = "text/csv; charset=utf-8";

    private const char Separator = ';';
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private readonly StringBuilder _text = new();
    private readonly int _columns;

    public CsvTable(params IReadOnlyList<string> header)
    {
        if (header.Count == 0) throw new ArgumentException("A table needs at least one column.", nameof(header));
        _columns = header.Count;
        Write(header);
    }

    /// <summary>Adds a row with one cell per column: text, numbers, dates, instants or nothing (null, an empty cell).</summary>
    public CsvTable Add(params IReadOnlyList<object?> cells)
    {
        if (cells.Count != _columns) throw new ArgumentException($"The table has {_columns} columns, the row {cells.Count} cells.", nameof(cells));
        Write(cells);
        return this;
    }

    public byte[] ToBytes() => [.. Utf8WithBom.GetPreamble(), .. Utf8WithBom.GetBytes(_text.ToString())];

    /// <summary>The table as a download named <paramref name="fileName"/> (<c>text/csv; charset=utf-8</c>, <c>Content-Disposition: attachment</c>).</summary>
    public FileContentResult ToFile(string fileName) => new(ToBytes(), ContentType) { FileDownloadName = fileName };

    public override string ToString() => _text.ToString();

    private void Write(IEnumerable<object?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) _text.Append(Separator);
            first = false;
            _text.Append(Quoted(Format(cell)));
        }
        _text.Append("\r\n");
    }

    private static string Format(object? cell) => cell switch
    {
        null => "",
        string text => Defused(text),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        Enum value => value.ToString(),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => Defused(cell.ToString() ?? ""),
    };

    /// <summary>OWASP's rule for CSV injection: text that starts like a formula is made plain text.</summary>
    private static string Defused(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Quoted(string value) =>
        value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
