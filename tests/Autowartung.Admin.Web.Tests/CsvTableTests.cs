using System.Globalization;
using System.Text;
using Autowartung.Admin.Web.Csv;

namespace Autowartung.Admin.Web.Tests;

public sealed class CsvTableTests
{
    [Fact]
    public void ToBytes_WhenWritten_StartsWithTheUtf8Mark_AndEndsEachRowWithCrLf()
    {
        var bytes = new CsvTable("Stadt", "Buchungen").Add("Witten", 3).Add("Dortmund", 0).ToBytes();

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("Stadt;Buchungen\r\nWitten;3\r\nDortmund;0\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Theory]
    [InlineData("Witten; Ruhr", "\"Witten; Ruhr\"")]
    [InlineData("Der \"Pott\"", "\"Der \"\"Pott\"\"\"")]
    [InlineData("zwei\nZeilen", "\"zwei\nZeilen\"")]
    [InlineData("zwei\r\nZeilen", "\"zwei\r\nZeilen\"")]
    [InlineData("Straße, 1", "Straße, 1")]
    public void Add_WhenTextHoldsASeparatorQuoteOrLineBreak_QuotesIt(string cell, string written)
    {
        Assert.Equal($"A\r\n{written}\r\n", new CsvTable("A").Add(cell).ToString());
    }

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+49 2302", "'+49 2302")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tWitten", "'\tWitten")]
    [InlineData("\rWitten", "\"'\rWitten\"")]
    [InlineData("=HYPERLINK(\"http://x\";\"y\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"y\"\")\"")]
    [InlineData("Witten=Ruhr", "Witten=Ruhr")]
    public void Add_WhenTextStartsLikeAFormula_MakesItText(string cell, string written)
    {
        Assert.Equal($"A\r\n{written}\r\n", new CsvTable("A").Add(cell).ToString());
    }

    [Fact]
    public void Add_WhenCellsAreNumbersDatesOrNothing_WritesThemTheSameInEveryCulture()
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var text = new CsvTable("a", "b", "c", "d", "e", "f", "g")
                .Add(-5, 1234567L, 12.5m, new DateOnly(2026, 3, 29), new DateTimeOffset(2026, 3, 29, 3, 30, 0, TimeSpan.FromHours(2)), null, DayOfWeek.Monday)
                .ToString();

            Assert.Equal("a;b;c;d;e;f;g\r\n-5;1234567;12.5;2026-03-29;2026-03-29 01:30:00;;Monday\r\n", text);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Add_WhenTheRowHasAnotherLength_Throws()
    {
        var table = new CsvTable("a", "b");

        Assert.Throws<ArgumentException>(() => table.Add("nur eins"));
    }

    [Fact]
    public void Parse_ReadsBackWhatWasWritten()
    {
        string[] awkward = ["=1+2", "a;b", "\"x\"", "zwei\r\nZeilen", ""];

        var rows = CsvReader.Parse(new CsvTable("1", "2", "3", "4", "5").Add([.. awkward]).ToString());

        Assert.Equal([["1", "2", "3", "4", "5"], ["'=1+2", "a;b", "\"x\"", "zwei\r\nZeilen", ""]], rows);
    }
}

/// <summary>Reads RFC 4180 CSV with <c>;</c> as the tests need it: quoted cells, doubled quotes, line breaks inside quotes.</summary>
internal static class CsvReader
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') cell.Append(text[++i]);
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ';') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) throw new FormatException("The last row does not end with CRLF.");
        return rows;
    }
}
