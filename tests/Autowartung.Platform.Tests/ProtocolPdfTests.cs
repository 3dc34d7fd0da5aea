using System.Text;
using System.Text.RegularExpressions;
using Autowartung.Platform.Concierge;
using Autowartung.Testing;
using SkiaSharp;

namespace Autowartung.Platform.Tests;

/// <summary>Reads the rendered protocols back with poppler (pdftotext, pdfinfo), as a person's PDF viewer would.</summary>
public sealed class ProtocolPdfTests
{
    private const string UmlautNote = "Kratzer an der Fahrertür, ca. 5 cm – Größe geschätzt, Lackschaden über 120 €";

    [Fact]
    public void Render_WhenGermanPickup_WritesA4PdfWithHeaderReadingsNoteAndSigner()
    {
        var pdf = ProtocolPdf.Render(Pickup());

        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var pages = PageCount(PdfInfo(pdf));
        var text = Normalize(PdfToText(pdf));
        Assert.Contains("Autowartung München", text);
        Assert.Contains("Übergabeprotokoll – Abholung", text);
        Assert.Contains("Buchung AW-2026-004711", text);
        Assert.Contains("2. Dezember 2026, 09:41 Uhr", text); // 08:41 UTC in Berlin winter time
        Assert.Contains("Kilometerstand", text);
        Assert.Contains("12.345 km", text);
        Assert.Contains("75 %", text);
        Assert.Contains("Fahrzeugschein, Serviceheft", text);
        Assert.Contains(UmlautNote, text);
        Assert.Contains("Unterschrift: Jürgen Weiß", text);
        Assert.Contains($"Seite 1 von {pages}", text);
        Assert.DoesNotContain("Vergleich mit der Abholung", text);
    }

    [Fact]
    public void Render_WhenGermanPickup_SetsA4PageAndMetadata()
    {
        var info = PdfInfo(ProtocolPdf.Render(Pickup()));

        Assert.Matches(@"Title:\s+Übergabeprotokoll – Abholung AW-2026-004711", info);
        Assert.Matches(@"Author:\s+Autowartung München", info);
        Assert.Matches(@"CreationDate:\s+\S", info);
        Assert.Matches(@"Page size:\s+595 x 842 pts", info);
    }

    [Fact]
    public void Render_WhenEnglish_UsesEnglishLabelsAndNumbers()
    {
        // The caller hands over labels already in the reader's language.
        var document = Pickup() with
        {
            English = true,
            Documents = ["Registration certificate"],
            Photos = [new("Front", Jpeg(SKColors.SteelBlue)), new("Odometer", Jpeg(SKColors.Black))],
        };

        var text = Normalize(PdfToText(ProtocolPdf.Render(document)));

        Assert.Contains("Handover record – pickup", text);
        Assert.Contains("Booking AW-2026-004711", text);
        Assert.Contains("2 December 2026, 09:41", text);
        Assert.Contains("Odometer", text);
        Assert.Contains("12,345 km", text);
        Assert.Contains("Signature: Jürgen Weiß", text);
        Assert.Contains("Page 1 of ", text);
        Assert.DoesNotContain("Kilometerstand", text);
        Assert.DoesNotContain("Übergabeprotokoll", text);
        Assert.DoesNotContain("Seite", text);
    }

    [Fact]
    public void Render_WhenReturnOverAllowance_ShowsComparisonAndMarksOnlyNewDamage()
    {
        var pdf = ProtocolPdf.Render(Return());

        var text = Normalize(PdfToText(pdf));
        Assert.Contains("Rückgabeprotokoll", text);
        Assert.Contains("Vergleich mit der Abholung", text);
        Assert.Contains("Gefahren: 62 km", text);
        Assert.Contains("Mehr als die erlaubten 50 km gefahren", text);
        Assert.Contains("Niedriger als bei der Abholung", text);
        Assert.Contains("1 neuer Schaden", text);
        Assert.Contains("Ersatzwagen", text);
        Assert.Contains("noch nicht zurückgegeben", text);

        var lines = PdfToText(pdf, layout: true).Split('\n');
        Assert.Contains("NEU", Assert.Single(lines, line => line.Contains("Tür hinten rechts")));
        Assert.DoesNotContain("NEU", Assert.Single(lines, line => line.Contains("Stoßstange vorne")));
    }

    [Fact]
    public void Render_WhenReturnWithinAllowance_SaysSoWithoutAlarm()
    {
        var comparison = new ProtocolDocument.ReturnComparison(12283, 40, 50, false, 75, false, 0);

        var text = Normalize(PdfToText(ProtocolPdf.Render(Return() with { Comparison = comparison, English = true })));

        Assert.Contains("Compared with pickup", text);
        Assert.Contains("Within the allowed 50 km", text);
        Assert.Contains("Not lower than at pickup", text);
        Assert.Contains("No new damage", text);
        Assert.DoesNotContain("More than the allowed", text);
    }

    [Fact]
    public void Render_WhenManyDamagesWithLongNotes_BreaksPagesAndNumbersThem()
    {
        var damages = Enumerable.Range(1, 30)
            .Select(number => new ProtocolDocument.Damage(
                number,
                $"Bereich {number}",
                (number % 6) / 5.0,
                (number % 10) / 9.0,
                $"Anfang{number} " + string.Concat(Enumerable.Repeat("Lackkratzer mit Delle, Größe geschätzt. ", 11)) + $"Ende{number}",
                number % 3 == 0 ? Jpeg(SKColors.Orange) : null,
                false))
            .ToList();

        var pdf = ProtocolPdf.Render(Pickup() with { Damages = damages });

        var pages = PageCount(PdfInfo(pdf));
        Assert.True(pages > 1, $"expected more than one page, got {pages}");
        var text = Normalize(PdfToText(pdf));
        Assert.Contains($"Seite 1 von {pages}", text);
        Assert.Contains($"Seite {pages} von {pages}", text);
        Assert.DoesNotContain($"Seite {pages + 1} von", text);
        foreach (var number in Enumerable.Range(1, 30))
        {
            Assert.Contains($"Anfang{number} ", text);
            Assert.Contains($"Ende{number}", text);
        }

        Assert.Contains("Unterschrift: Jürgen Weiß", text);
    }

    [Fact]
    public void Render_WhenOneNoteIsLongerThanAPage_RunsItOnToTheNextPage()
    {
        var note = string.Join('\n', Enumerable.Range(1, 90).Select(line => $"Zeile{line}"));
        var damage = new ProtocolDocument.Damage(1, "Innenraum", 0.5, 0.5, note, null, false);

        var pdf = ProtocolPdf.Render(Pickup() with { Damages = [damage], Photos = [] });

        Assert.True(PageCount(PdfInfo(pdf)) > 1);
        var words = Normalize(PdfToText(pdf)).Split(' ');
        Assert.All(Enumerable.Range(1, 90), line => Assert.Contains($"Zeile{line}", words));
    }

    [Fact]
    public void Render_WhenNoteIsOneUnbrokenWord_WrapsItWithoutLosingText()
    {
        var word = string.Concat(Enumerable.Range(0, 40).Select(index => $"x{index:D2}"));
        var damage = new ProtocolDocument.Damage(1, "Dach", 0.5, 0.5, word, null, false);

        var text = PdfToText(ProtocolPdf.Render(Pickup() with { Damages = [damage] }));

        Assert.Contains(word, Regex.Replace(text, @"\s+", ""));
        Assert.DoesNotContain(word, text); // it did not fit one line, so it was broken
    }

    [Fact]
    public void Render_WhenThumbnailsAndSignatureAreCorrupt_RendersPlaceholdersInstead()
    {
        var garbage = "definitely not a jpeg"u8.ToArray();
        var document = Pickup() with
        {
            Photos = [new("Front", garbage), new("Heck", Jpeg(SKColors.SteelBlue)), new("Tacho", [0xFF, 0xD8, 0xFF])],
            Damages = [new(1, "Motorhaube", 0.5, 0.2, "Steinschlag", garbage, false)],
            SignaturePng = garbage,
        };

        var pdf = ProtocolPdf.Render(document);

        var text = Normalize(PdfToText(pdf));
        Assert.Contains("Foto nicht lesbar", text);
        Assert.Contains("Front", text);
        Assert.Contains("Tacho", text);
        Assert.Contains("Steinschlag", text);
        Assert.Contains("Unterschrift nicht lesbar", text);
        Assert.Contains("Unterschrift: Jürgen Weiß", text);
    }

    [Fact]
    public void Render_WhenTextHasEmojiAndDecomposedUmlauts_WritesWhatTheFontCanShow()
    {
        var damage = new ProtocolDocument.Damage(1, "Tu\u0308r", 0.1, 0.5, "Delle 😬 hier", null, false);

        var text = Normalize(PdfToText(ProtocolPdf.Render(Pickup() with { Damages = [damage] })));

        Assert.Contains("Tür", text);
        Assert.Contains("Delle ? hier", text);
    }

    [Fact]
    public void Render_WhenCalledTwice_WritesTheSameBytes()
    {
        var document = Return();

        Assert.Equal(ProtocolPdf.Render(document), ProtocolPdf.Render(document));
    }

    private static ProtocolDocument Pickup() => new(
        English: false,
        IsReturn: false,
        CityName: "München",
        BookingNumber: "AW-2026-004711",
        CustomerName: "Jürgen Weiß",
        Vehicle: "VW Golf 8 Variant",
        LicensePlate: "M-AW 1234",
        WorkshopName: "Autohaus Schäfer GmbH",
        RecordedAt: new DateTimeOffset(2026, 12, 2, 8, 41, 0, TimeSpan.Zero),
        TimeZone: TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
        JockeyFirstName: "Özlem",
        OdometerKm: 12345,
        FuelPercent: 75,
        Keys: 2,
        Documents: ["Fahrzeugschein", "Serviceheft"],
        Damages:
        [
            new(1, "Tür vorne links", 0.05, 0.4, UmlautNote, Jpeg(SKColors.IndianRed), false),
            new(2, "Stoßstange hinten", 0.5, 0.97, "Kleine Delle", null, false),
        ],
        Photos:
        [
            new("Vorne", Jpeg(SKColors.SteelBlue)),
            new("Hinten", Jpeg(SKColors.SeaGreen)),
            new("Links", Jpeg(SKColors.Goldenrod)),
            new("Rechts", Jpeg(SKColors.SlateGray)),
            new("Kilometerstand", Jpeg(SKColors.Black)),
        ],
        SignedBy: "Jürgen Weiß",
        SignaturePng: Signature(),
        Comparison: null,
        ReplacementCar: null);

    private static ProtocolDocument Return() => Pickup() with
    {
        IsReturn = true,
        OdometerKm = 12345,
        FuelPercent = 60,
        Damages =
        [
            new(1, "Stoßstange vorne", 0.5, 0.02, "Kratzer, schon bei der Abholung", null, false),
            new(2, "Tür hinten rechts", 0.95, 0.6, "Neue Delle", Jpeg(SKColors.IndianRed), true),
        ],
        Comparison = new ProtocolDocument.ReturnComparison(12283, 62, 50, true, 75, true, 1),
        ReplacementCar = new ProtocolDocument.ReplacementCarHandover("Škoda Fabia, M-AW 99E", 8120, null, 80, null),
    };

    private static byte[] Jpeg(SKColor color)
    {
        var info = new SKImageInfo(160, 120);
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(color);
        using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
        surface.Canvas.DrawCircle(80, 60, 30, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    private static byte[] Signature()
    {
        var info = new SKImageInfo(480, 160, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.Transparent);
        using var paint = new SKPaint { Color = SKColors.DarkBlue, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 4 };
        using var builder = new SKPathBuilder();
        builder.MoveTo(20, 120);
        builder.CubicTo(80, 10, 140, 150, 200, 60);
        builder.CubicTo(260, -10, 320, 150, 460, 40);
        using var path = builder.Detach();
        surface.Canvas.DrawPath(path, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    // pdftotext breaks wrapped lines and may put a sketch label between two words; the tests look at words.
    private static string Normalize(string text) => Regex.Replace(text, @"\s+", " ");

    private static int PageCount(string pdfInfo) =>
        int.Parse(Regex.Match(pdfInfo, @"^Pages:\s+(\d+)", RegexOptions.Multiline).Groups[1].Value);

    private static string PdfToText(byte[] pdf, bool layout = false) => Poppler.Text(pdf, layout);

    private static string PdfInfo(byte[] pdf) => Poppler.Info(pdf);
}
