using System.Globalization;
using System.Text;
using SkiaSharp;

namespace Autowartung.Platform.Concierge;

/// <summary>
/// What a handover (pickup) or return protocol shows, as plain values: the PDF knows no entities, so the
/// caller maps its booking, task and protocol onto this. Labels that come from the caller (documents,
/// damage areas, photo labels) are already in the reader's language.
/// </summary>
/// <param name="English">English labels for English-speaking customers; German otherwise.</param>
/// <param name="IsReturn">A return protocol ("Rückgabeprotokoll") rather than a pickup one.</param>
/// <param name="RecordedAt">When the jockey recorded the protocol; shown in <paramref name="TimeZone"/>.</param>
/// <param name="TimeZone">The city's time zone (Europe/Berlin).</param>
/// <param name="FuelPercent">Fuel or charge level in percent.</param>
/// <param name="Photos">The required photos (front, rear, left, right, odometer) as JPEG thumbnails.</param>
/// <param name="SignaturePng">The signature as drawn on the phone, PNG.</param>
/// <param name="Comparison">How the car came back compared with the pickup; only on a return protocol.</param>
/// <param name="ReplacementCar">The replacement car handed to the customer, if any.</param>
public sealed record ProtocolDocument(
    bool English,
    bool IsReturn,
    string CityName,
    string BookingNumber,
    string CustomerName,
    string Vehicle,
    string LicensePlate,
    string WorkshopName,
    DateTimeOffset RecordedAt,
    TimeZoneInfo TimeZone,
    string JockeyFirstName,
    int OdometerKm,
    int FuelPercent,
    int Keys,
    IReadOnlyList<string> Documents,
    IReadOnlyList<ProtocolDocument.Damage> Damages,
    IReadOnlyList<ProtocolDocument.Photo> Photos,
    string SignedBy,
    byte[] SignaturePng,
    ProtocolDocument.ReturnComparison? Comparison,
    ProtocolDocument.ReplacementCarHandover? ReplacementCar)
{
    /// <summary>
    /// A damage marked on the car sketch. <paramref name="X"/> and <paramref name="Y"/> run from 0 to 1 across
    /// the car outline seen from above with the front at the top: X = 0 is the car's left side, Y = 0 its front.
    /// </summary>
    /// <param name="Area">Where on the car, already translated ("Tür vorne links").</param>
    /// <param name="Thumbnail">A JPEG thumbnail of the damage photo, if one was taken.</param>
    /// <param name="IsNew">On a return protocol: not there at pickup.</param>
    public sealed record Damage(int Number, string Area, double X, double Y, string Note, byte[]? Thumbnail, bool IsNew);

    /// <param name="Thumbnail">JPEG thumbnail.</param>
    public sealed record Photo(string Label, byte[] Thumbnail);

    public sealed record ReturnComparison(
        int PickupOdometerKm,
        int KmDriven,
        int AllowanceKm,
        bool OverAllowance,
        int PickupFuelPercent,
        bool FuelLower,
        int NewDamages);

    /// <param name="KmBack">Odometer when the customer gave the replacement car back; null while it is still out.</param>
    /// <param name="FuelBack">Fuel or charge level in percent at that time; null while it is still out.</param>
    public sealed record ReplacementCarHandover(string Car, int KmOut, int? KmBack, int FuelOut, int? FuelBack);
}

/// <summary>
/// Renders a handover or return protocol as an A4 PDF: header, readings, the comparison with the pickup,
/// a damage sketch beside the numbered damage list, the photos, the replacement car and the signature.
/// Text stays text (extractable, searchable) in the embedded DejaVu Sans; pages break where needed and
/// are numbered. The same document renders to the same bytes: no clock, no network, no files.
/// </summary>
public static class ProtocolPdf
{
    // A4 in PostScript points.
    private const float PageWidth = 595;
    private const float PageHeight = 842;
    private const float Margin = 42;
    private const float ContentWidth = PageWidth - (2 * Margin);
    private const float RunningHeaderHeight = 26;
    private const float ContentBottom = PageHeight - Margin - 12;
    private const float SectionGap = 16;

    private const float SketchWidth = 180;
    private const float SketchHeight = 300;
    private const float ListIndent = SketchWidth + 16;
    private const float MarkerColumn = 22;
    private const float ThumbnailWidth = 72;
    private const float ThumbnailHeight = 54;
    private const int PhotoColumns = 3;
    private const float PhotoGap = 12;
    private const float BodyLineHeight = 13.5f;

    public static byte[] Render(ProtocolDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var kit = new Kit();
        var composer = new Composer(document, kit);
        composer.Compose();
        return composer.Write();
    }

    /// <summary>Lays the document out onto pages, then writes them; two steps because every page shows the page count.</summary>
    private sealed class Composer
    {
        private readonly ProtocolDocument document;
        private readonly Kit kit;
        private readonly CultureInfo culture;
        private readonly Flow flow = new();

        public Composer(ProtocolDocument document, Kit kit)
        {
            this.document = document;
            this.kit = kit;
            culture = CultureInfo.GetCultureInfo(document.English ? "en-GB" : "de-DE");
        }

        private string Title => document.IsReturn
            ? T("Rückgabeprotokoll", "Return record")
            : T("Übergabeprotokoll – Abholung", "Handover record – pickup");

        private string Brand => $"Autowartung {Clean(document.CityName)}".TrimEnd();

        public void Compose()
        {
            Header();
            Readings();
            if (document.Comparison is { } comparison)
            {
                Comparison(comparison);
            }

            Damages();
            Photos();
            if (document.ReplacementCar is { } replacementCar)
            {
                ReplacementCar(replacementCar);
            }

            Signature();
        }

        public byte[] Write()
        {
            var metadata = SKDocumentPdfMetadata.Default;
            metadata.Title = $"{Title} {Clean(document.BookingNumber)}".TrimEnd();
            metadata.Author = Brand;
            metadata.Subject = $"{T("Buchung", "Booking")} {Clean(document.BookingNumber)}";
            metadata.Creator = "Autowartung";
            // The record's own time, in UTC, keeps the bytes independent of the clock and the server's zone.
            metadata.Creation = document.RecordedAt.UtcDateTime;
            metadata.Modified = document.RecordedAt.UtcDateTime;

            using var output = new MemoryStream();
            using (var pdf = SKDocument.CreatePdf(output, metadata) ?? throw new InvalidOperationException("Skia could not start a PDF."))
            {
                var pages = flow.Pages;
                for (var index = 0; index < pages.Count; index++)
                {
                    // The page canvas belongs to the document and is released by EndPage.
                    var canvas = pdf.BeginPage(PageWidth, PageHeight);
                    if (index > 0)
                    {
                        RunningHeader(canvas);
                    }

                    foreach (var draw in pages[index])
                    {
                        draw(canvas);
                    }

                    Footer(canvas, index + 1, pages.Count);
                    pdf.EndPage();
                }

                pdf.Close();
            }

            return output.ToArray();
        }

        private void Header()
        {
            Place(Lines([Brand], kit.Brand, Margin));
            Place(Lines(Wrap(Title, kit.Title, ContentWidth), kit.Title, Margin));
            var meta = $"{T("Buchung", "Booking")} {Clean(document.BookingNumber)} · {When(document.RecordedAt)}";
            Place(Lines(Wrap(meta, kit.Meta, ContentWidth), kit.Meta, Margin));
            flow.Y += 8;
            Rule();
            flow.Y += 8;

            var half = (ContentWidth - 20) / 2;
            var vehicle = string.Join(" · ", new[] { Clean(document.Vehicle), Clean(document.LicensePlate) }.Where(part => part.Length > 0));
            Place(Row(
                Field(T("Kunde", "Customer"), document.CustomerName, Margin, half),
                Field(T("Fahrzeug", "Vehicle"), vehicle, Margin + half + 20, half)));
            flow.Y += 6;
            Place(Row(
                Field(T("Werkstatt", "Workshop"), document.WorkshopName, Margin, half),
                Field("Jockey", document.JockeyFirstName, Margin + half + 20, half)));
            flow.Y += SectionGap;
        }

        private void Readings()
        {
            var third = ContentWidth / 3;
            var readings = Row(
                Reading(T("Kilometerstand", "Odometer"), Km(document.OdometerKm), Margin, third),
                Reading(T("Tank-/Ladestand", "Fuel/charge level"), Percent(document.FuelPercent), Margin + third, third),
                Reading(T("Schlüssel", "Keys"), document.Keys.ToString(culture), Margin + (2 * third), third));
            Section(T("Fahrzeugdaten", "Readings"), readings);

            var documents = document.Documents.Select(label => Clean(label)).Where(label => label.Length > 0).ToList();
            var documentsText = documents.Count > 0 ? string.Join(", ", documents) : T("keine", "none");
            flow.Y += 6;
            Place(Field(T("Fahrzeugpapiere", "Documents"), documentsText, Margin, ContentWidth));
            flow.Y += SectionGap;
        }

        private void Comparison(ProtocolDocument.ReturnComparison comparison)
        {
            const float padding = 10;
            const float bar = 4;
            var x = Margin + bar + padding;
            var width = ContentWidth - bar - (2 * padding);
            var parts = new List<Block> { Lines(Wrap(T("Vergleich mit der Abholung", "Compared with pickup"), kit.Heading, width), kit.Heading, x) };

            var driven = T(
                $"Gefahren: {Km(comparison.KmDriven)} seit der Abholung (Kilometerstand bei der Abholung: {Km(comparison.PickupOdometerKm)}, erlaubt: {Km(comparison.AllowanceKm)})",
                $"Driven: {Km(comparison.KmDriven)} since pickup (odometer at pickup: {Km(comparison.PickupOdometerKm)}, allowance: {Km(comparison.AllowanceKm)})");
            var over = comparison.KmDriven - comparison.AllowanceKm;
            var drivenVerdict = comparison.OverAllowance
                ? T($"Mehr als die erlaubten {Km(comparison.AllowanceKm)} gefahren", $"More than the allowed {Km(comparison.AllowanceKm)} driven")
                    + (over > 0 ? T($" ({Km(over)} mehr).", $" ({Km(over)} over).") : ".")
                : T($"Innerhalb der erlaubten {Km(comparison.AllowanceKm)}.", $"Within the allowed {Km(comparison.AllowanceKm)}.");
            parts.Add(Statement(driven, drivenVerdict, comparison.OverAllowance, x, width));

            var fuel = T(
                $"Tank-/Ladestand: {Percent(document.FuelPercent)} (bei der Abholung: {Percent(comparison.PickupFuelPercent)})",
                $"Fuel/charge level: {Percent(document.FuelPercent)} (at pickup: {Percent(comparison.PickupFuelPercent)})");
            var fuelVerdict = comparison.FuelLower
                ? T("Niedriger als bei der Abholung.", "Lower than at pickup.")
                : T("Nicht niedriger als bei der Abholung.", "Not lower than at pickup.");
            parts.Add(Statement(fuel, fuelVerdict, comparison.FuelLower, x, width));

            var newDamages = comparison.NewDamages switch
            {
                <= 0 => T("Keine neuen Schäden.", "No new damage."),
                1 => T("1 neuer Schaden, in der Liste mit NEU markiert.", "1 new damage, marked NEW in the list."),
                var count => T($"{count} neue Schäden, in der Liste mit NEU markiert.", $"{count} new damages, marked NEW in the list."),
            };
            var newDamagesStyle = comparison.NewDamages > 0 ? kit.Alert : kit.Body;
            parts.Add(Lines(Wrap(newDamages, newDamagesStyle, width), newDamagesStyle, x));

            var content = Stack(6, parts);
            var height = content.Height + (2 * padding);
            Place(new Block(height, (canvas, top) =>
            {
                var box = SKRect.Create(Margin, top, ContentWidth, height);
                canvas.DrawRect(box, kit.HighlightFill);
                canvas.DrawRect(SKRect.Create(Margin, top, bar, height), kit.HighlightBar);
                content.Draw(canvas, top + padding);
            }));
            flow.Y += SectionGap;
        }

        private Block Statement(string fact, string verdict, bool alarming, float x, float width)
        {
            var verdictStyle = alarming ? kit.Alert : kit.Body;
            return Stack(0, [
                Lines(Wrap(fact, kit.Body, width), kit.Body, x),
                Lines(Wrap(verdict, verdictStyle, width), verdictStyle, x)]);
        }

        private void Damages()
        {
            var damages = document.Damages.OrderBy(damage => damage.Number).ToList();
            var heading = damages.Count > 0 ? $"{T("Schäden", "Damage")} ({damages.Count})" : T("Schäden", "Damage");
            if (damages.Count == 0)
            {
                Section(heading, Lines([T("Keine Schäden festgestellt.", "No damage recorded.")], kit.Body, Margin));
                flow.Y += SectionGap;
                return;
            }

            Section(heading, new Block(SketchHeight, (canvas, top) => Sketch(canvas, Margin, top, damages)));
            // The list starts beside the sketch and takes the full width once it has passed it.
            var sketchPage = flow.PageIndex;
            var sketchBottom = flow.Y;
            flow.Y -= SketchHeight;

            foreach (var damage in damages)
            {
                var beside = flow.PageIndex == sketchPage && flow.Y < sketchBottom;
                var item = DamageItem(damage, beside ? Margin + ListIndent : Margin, beside ? ContentWidth - ListIndent : ContentWidth);
                // A damage taller than a whole page starts right here and runs on; any other one is kept together.
                if (item.Height > flow.Room && item.Height <= Flow.PageRoom && !flow.AtTop)
                {
                    flow.NewPage();
                    item = DamageItem(damage, Margin, ContentWidth);
                }

                PlaceDamage(item);
            }

            if (flow.PageIndex == sketchPage)
            {
                flow.Y = Math.Max(flow.Y, sketchBottom);
            }

            flow.Y += SectionGap;
        }

        private DamageLayout DamageItem(ProtocolDocument.Damage damage, float x, float width)
        {
            var thumbnail = damage.Thumbnail is null ? null : kit.Decode(damage.Thumbnail);
            var hasSlot = damage.Thumbnail is not null;
            var textX = x + MarkerColumn;
            var textWidth = width - MarkerColumn - (hasSlot ? ThumbnailWidth + 8 : 0);
            var newLabel = T("NEU", "NEW");
            var pillWidth = damage.IsNew ? kit.Badge.Font.MeasureText(newLabel) + 8 : 0;

            var area = Clean(damage.Area);
            var areaLines = Wrap(area.Length > 0 ? area : "–", kit.BodyBold, textWidth - (damage.IsNew ? pillWidth + 6 : 0));
            var noteLines = Wrap(Clean(damage.Note, multiline: true), kit.Body, textWidth);
            var head = new Block(areaLines.Count * kit.BodyBold.LineHeight, (canvas, top) =>
            {
                Marker(canvas, x + 8, top + (kit.BodyBold.LineHeight / 2), damage);
                Lines(areaLines, kit.BodyBold, textX).Draw(canvas, top);
                if (damage.IsNew)
                {
                    var pillLeft = textX + kit.BodyBold.Font.MeasureText(areaLines[0]) + 6;
                    var pill = SKRect.Create(pillLeft, top + ((kit.BodyBold.LineHeight - 11) / 2), pillWidth, 11);
                    canvas.DrawRoundRect(pill, 2.5f, 2.5f, kit.DangerFill);
                    canvas.DrawText(newLabel, pill.MidX, kit.BodyBold.Baseline(top) - 0.5f, SKTextAlign.Center, kit.Badge.Font, kit.Badge.Paint);
                }

                if (hasSlot)
                {
                    var box = SKRect.Create(x + width - ThumbnailWidth, top, ThumbnailWidth, ThumbnailHeight);
                    Picture(canvas, thumbnail, box, T("Foto nicht lesbar", "Photo unreadable"));
                }
            });
            return new DamageLayout(head, noteLines, textX, hasSlot ? ThumbnailHeight : 0);
        }

        /// <summary>Places a damage whole; one whose note is longer than a page runs on line by line.</summary>
        private void PlaceDamage(DamageLayout item)
        {
            const float gap = 9;
            var lineHeight = kit.Body.LineHeight;
            var top = flow.Y;
            var notesOnFirstPage = Math.Clamp((int)((flow.Room - item.Head.Height) / lineHeight), 0, item.NoteLines.Count);
            var firstNotes = Lines(item.NoteLines.Take(notesOnFirstPage).ToList(), kit.Body, item.TextX);
            flow.Draw(canvas =>
            {
                item.Head.Draw(canvas, top);
                firstNotes.Draw(canvas, top + item.Head.Height);
            });
            flow.Y = top + Math.Max(item.Head.Height + firstNotes.Height, item.MinHeight);

            // The rest is on later pages, where no sketch stands beside the list.
            foreach (var line in item.NoteLines.Skip(notesOnFirstPage))
            {
                Place(Lines([line], kit.Body, Margin + MarkerColumn));
            }

            flow.Y += gap;
        }

        private void Sketch(SKCanvas canvas, float left, float top, IReadOnlyList<ProtocolDocument.Damage> damages)
        {
            var body = CarOutline(left, top);
            SKPoint P(float u, float v) => new(body.Left + (u * body.Width), body.Top + (v * body.Height));

            canvas.DrawText(T("vorne", "front"), body.MidX, top + 10, SKTextAlign.Center, kit.Small.Font, kit.Small.Paint);
            canvas.DrawText(T("hinten", "rear"), body.MidX, body.Bottom + 18, SKTextAlign.Center, kit.Small.Font, kit.Small.Paint);
            var middle = kit.Small.Baseline(body.MidY - (kit.Small.LineHeight / 2));
            canvas.DrawText(T("links", "left"), body.Left - 12, middle, SKTextAlign.Right, kit.Small.Font, kit.Small.Paint);
            canvas.DrawText(T("rechts", "right"), body.Right + 12, middle, SKTextAlign.Left, kit.Small.Font, kit.Small.Paint);

            // Wheels first: the body covers their inner half.
            foreach (var (u, v) in new[] { (-0.07f, 0.13f), (0.93f, 0.13f), (-0.07f, 0.73f), (0.93f, 0.73f) })
            {
                canvas.DrawRoundRect(SKRect.Create(P(u, v).X, P(u, v).Y, body.Width * 0.14f, body.Height * 0.12f), 3, 3, kit.WheelFill);
            }

            using var builder = new SKPathBuilder();
            builder.AddPoly([P(0, 0.285f), P(-0.1f, 0.3f), P(-0.1f, 0.33f), P(0, 0.33f)]); // mirrors
            builder.AddPoly([P(1, 0.285f), P(1.1f, 0.3f), P(1.1f, 0.33f), P(1, 0.33f)]);
            using (var mirrors = builder.Detach())
            {
                canvas.DrawPath(mirrors, kit.CarFill);
                canvas.DrawPath(mirrors, kit.CarLine);
            }

            builder.MoveTo(P(0.5f, 0)); // body, narrowing a little towards the bumpers
            builder.CubicTo(P(0.78f, 0), P(0.96f, 0.01f), P(0.98f, 0.07f));
            builder.LineTo(P(1, 0.2f));
            builder.LineTo(P(1, 0.88f));
            builder.CubicTo(P(1, 0.97f), P(0.8f, 1), P(0.5f, 1));
            builder.CubicTo(P(0.2f, 1), P(0, 0.97f), P(0, 0.88f));
            builder.LineTo(P(0, 0.2f));
            builder.LineTo(P(0.02f, 0.07f));
            builder.CubicTo(P(0.04f, 0.01f), P(0.22f, 0), P(0.5f, 0));
            builder.Close();
            using (var shell = builder.Detach())
            {
                canvas.DrawPath(shell, kit.CarFill);
                canvas.DrawPath(shell, kit.CarLine);
            }

            builder.AddPoly([P(0.1f, 0.27f), P(0.9f, 0.27f), P(0.82f, 0.37f), P(0.18f, 0.37f)]); // windscreen
            builder.AddPoly([P(0.18f, 0.7f), P(0.82f, 0.7f), P(0.9f, 0.8f), P(0.1f, 0.8f)]); // rear window
            builder.AddPoly([P(0.06f, 0.36f), P(0.14f, 0.39f), P(0.14f, 0.68f), P(0.06f, 0.71f)]); // left windows
            builder.AddPoly([P(0.94f, 0.36f), P(0.86f, 0.39f), P(0.86f, 0.68f), P(0.94f, 0.71f)]); // right windows
            using (var glass = builder.Detach())
            {
                canvas.DrawPath(glass, kit.GlassFill);
                canvas.DrawPath(glass, kit.CarLine);
            }

            canvas.DrawRect(SKRect.Create(P(0.18f, 0.37f).X, P(0.18f, 0.37f).Y, body.Width * 0.64f, body.Height * 0.33f), kit.CarLine); // roof
            canvas.DrawOval(SKRect.Create(P(0.1f, 0.025f).X, P(0.1f, 0.025f).Y, body.Width * 0.2f, body.Height * 0.03f), kit.GlassFill); // headlights
            canvas.DrawOval(SKRect.Create(P(0.7f, 0.025f).X, P(0.7f, 0.025f).Y, body.Width * 0.2f, body.Height * 0.03f), kit.GlassFill);

            foreach (var damage in damages)
            {
                var point = P(Unit(damage.X), Unit(damage.Y));
                Marker(canvas, point.X, point.Y, damage);
            }
        }

        private static SKRect CarOutline(float left, float top) => SKRect.Create(left + 40, top + 22, 100, 246);

        private static float Unit(double value) => double.IsFinite(value) ? (float)Math.Clamp(value, 0, 1) : 0.5f;

        private void Marker(SKCanvas canvas, float x, float y, ProtocolDocument.Damage damage)
        {
            const float radius = 7.5f;
            var label = damage.Number.ToString(CultureInfo.InvariantCulture);
            canvas.DrawCircle(x, y, radius, damage.IsNew ? kit.DangerFill : kit.AccentFill);
            canvas.DrawCircle(x, y, radius, kit.MarkerRing);
            var font = label.Length > 2 ? kit.MarkerSmall : kit.Marker;
            canvas.DrawText(label, x, y + (font.Font.Size * 0.36f), SKTextAlign.Center, font.Font, font.Paint);
        }

        private void Photos()
        {
            var photos = document.Photos;
            var heading = T("Fotos", "Photos");
            if (photos.Count == 0)
            {
                Section(heading, Lines([T("Keine Fotos.", "No photos.")], kit.Body, Margin));
                flow.Y += SectionGap;
                return;
            }

            var cellWidth = (ContentWidth - ((PhotoColumns - 1) * PhotoGap)) / PhotoColumns;
            var imageHeight = cellWidth * 0.75f;
            for (var first = 0; first < photos.Count; first += PhotoColumns)
            {
                var cells = photos.Skip(first).Take(PhotoColumns).Select((photo, column) =>
                {
                    var x = Margin + (column * (cellWidth + PhotoGap));
                    var image = kit.Decode(photo.Thumbnail);
                    var caption = Lines(Wrap(Clean(photo.Label), kit.Caption, cellWidth), kit.Caption, x);
                    return new Block(imageHeight + 4 + caption.Height, (canvas, top) =>
                    {
                        Picture(canvas, image, SKRect.Create(x, top, cellWidth, imageHeight), T("Foto nicht lesbar", "Photo unreadable"));
                        caption.Draw(canvas, top + imageHeight + 4);
                    });
                });
                var row = Row([.. cells]);
                if (first == 0)
                {
                    Section(heading, row);
                }
                else
                {
                    Place(row);
                }

                flow.Y += 10;
            }

            flow.Y += SectionGap - 10;
        }

        private void ReplacementCar(ProtocolDocument.ReplacementCarHandover car)
        {
            var third = ContentWidth / 3;
            var handedOut = $"{Km(car.KmOut)} · {Percent(car.FuelOut)}";
            var returned = car.KmBack is { } kmBack
                ? $"{Km(kmBack)} · {(car.FuelBack is { } fuelBack ? Percent(fuelBack) : "–")}"
                    + (kmBack >= car.KmOut ? T($" ({Km(kmBack - car.KmOut)} gefahren)", $" ({Km(kmBack - car.KmOut)} driven)") : "")
                : T("noch nicht zurückgegeben", "not returned yet");
            Section(T("Ersatzwagen", "Replacement car"), Row(
                Field(T("Fahrzeug", "Car"), car.Car, Margin, third - 10),
                Field(T("Ausgabe (km · Tank-/Ladestand)", "Handed out (km · fuel/charge)"), handedOut, Margin + third, third - 10),
                Field(T("Rücknahme (km · Tank-/Ladestand)", "Returned (km · fuel/charge)"), returned, Margin + (2 * third), third)));
            flow.Y += SectionGap;
        }

        private void Signature()
        {
            const float width = 240;
            const float height = 80;
            var image = kit.Decode(document.SignaturePng);
            var signer = Lines(Wrap($"{T("Unterschrift", "Signature")}: {Clean(document.SignedBy)}", kit.BodyBold, ContentWidth), kit.BodyBold, Margin);
            var time = Lines([When(document.RecordedAt)], kit.Meta, Margin);
            var block = new Block(height + 6 + signer.Height + time.Height, (canvas, top) =>
            {
                if (image is null)
                {
                    Picture(canvas, null, SKRect.Create(Margin, top, width, height), T("Unterschrift nicht lesbar", "Signature unreadable"));
                }
                else
                {
                    FitImage(canvas, image, SKRect.Create(Margin, top, width, height), alignLeft: true);
                }

                canvas.DrawLine(Margin, top + height + 2, Margin + width, top + height + 2, kit.CarLine);
                signer.Draw(canvas, top + height + 6);
                time.Draw(canvas, top + height + 6 + signer.Height);
            });
            Section(T("Unterschrift", "Signature"), block);
        }

        private void RunningHeader(SKCanvas canvas)
        {
            var baseline = kit.Small.Baseline(Margin);
            canvas.DrawText($"{Brand} · {Title}", Margin, baseline, SKTextAlign.Left, kit.Small.Font, kit.Small.Paint);
            canvas.DrawText($"{T("Buchung", "Booking")} {Clean(document.BookingNumber)}", PageWidth - Margin, baseline, SKTextAlign.Right, kit.Small.Font, kit.Small.Paint);
            canvas.DrawLine(Margin, Margin + kit.Small.LineHeight + 4, PageWidth - Margin, Margin + kit.Small.LineHeight + 4, kit.RuleLine);
        }

        private void Footer(SKCanvas canvas, int page, int pages)
        {
            var baseline = PageHeight - Margin + 4;
            canvas.DrawLine(Margin, baseline - 12, PageWidth - Margin, baseline - 12, kit.RuleLine);
            canvas.DrawText($"{Brand} · {T("Buchung", "Booking")} {Clean(document.BookingNumber)}", Margin, baseline, SKTextAlign.Left, kit.Small.Font, kit.Small.Paint);
            canvas.DrawText(T($"Seite {page} von {pages}", $"Page {page} of {pages}"), PageWidth - Margin, baseline, SKTextAlign.Right, kit.Small.Font, kit.Small.Paint);
        }

        /// <summary>An image fitted into its box, or a framed placeholder saying why it is missing.</summary>
        private void Picture(SKCanvas canvas, SKImage? image, SKRect box, string unreadable)
        {
            if (image is null)
            {
                canvas.DrawRect(box, kit.PanelFill);
                var lines = Wrap(unreadable, kit.Small, box.Width - 8);
                Lines(lines, kit.Small, box.MidX, SKTextAlign.Center).Draw(canvas, box.MidY - (lines.Count * kit.Small.LineHeight / 2));
            }
            else
            {
                canvas.DrawRect(box, kit.PanelFill);
                FitImage(canvas, image, box, alignLeft: false);
            }

            canvas.DrawRect(box, kit.RuleLine);
        }

        private static void FitImage(SKCanvas canvas, SKImage image, SKRect box, bool alignLeft)
        {
            var scale = Math.Min(box.Width / image.Width, box.Height / image.Height);
            var (width, height) = (image.Width * scale, image.Height * scale);
            var left = alignLeft ? box.Left : box.MidX - (width / 2);
            canvas.DrawImage(image, SKRect.Create(left, box.MidY - (height / 2), width, height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        }

        private void Section(string title, Block first)
        {
            var heading = Lines(Wrap(title, kit.Heading, ContentWidth), kit.Heading, Margin);
            flow.Reserve(heading.Height + 6 + first.Height);
            Place(heading);
            var y = flow.Y + 1;
            flow.Draw(canvas => canvas.DrawLine(Margin, y, PageWidth - Margin, y, kit.RuleLine));
            flow.Y += 6;
            Place(first);
        }

        private void Rule()
        {
            var y = flow.Y;
            flow.Draw(canvas => canvas.DrawLine(Margin, y, PageWidth - Margin, y, kit.RuleLine));
        }

        private Block Field(string label, string value, float x, float width)
        {
            var text = Clean(value);
            return Stack(1, [
                Lines(Wrap(label, kit.Label, width), kit.Label, x),
                Lines(Wrap(text.Length > 0 ? text : "–", kit.Body, width), kit.Body, x)]);
        }

        private Block Reading(string label, string value, float x, float width) => Stack(1, [
            Lines(Wrap(label, kit.Label, width - 10), kit.Label, x),
            Lines(Wrap(value, kit.Value, width - 10), kit.Value, x)]);

        private void Place(Block block)
        {
            flow.Reserve(block.Height);
            var top = flow.Y;
            flow.Draw(canvas => block.Draw(canvas, top));
            flow.Y += block.Height;
        }

        /// <summary>
        /// Text as the fonts can draw it: composed (NFC) so "ü" is one glyph, controls and invisible marks dropped,
        /// anything DejaVu Sans lacks (emoji) shown as "?" rather than as an empty box. Single-line text has its
        /// whitespace collapsed; multi-line text keeps its line breaks, at most one empty line in a row.
        /// </summary>
        private string Clean(string? text, bool multiline = false)
        {
            if (string.IsNullOrEmpty(text))
            {
                return "";
            }

            var composed = new StringBuilder(text.Length);
            foreach (var rune in text.Replace("\r\n", "\n").EnumerateRunes())
            {
                // Lone surrogates come out of EnumerateRunes as U+FFFD, so Normalize below cannot throw.
                composed.Append(rune.ToString());
            }

            var result = new StringBuilder(composed.Length);
            foreach (var rune in composed.ToString().Normalize(NormalizationForm.FormC).EnumerateRunes())
            {
                var category = Rune.GetUnicodeCategory(rune);
                if (rune.Value is '\n' or '\r')
                {
                    result.Append(multiline ? '\n' : ' ');
                }
                else if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
                {
                    result.Append(' ');
                }
                else if (category == UnicodeCategory.Format || rune.Value is >= 0xFE00 and <= 0xFE0F)
                {
                    // zero-width joiners and emoji variation selectors: invisible, and meaningless without the emoji
                }
                else
                {
                    result.Append(kit.Body.Font.ContainsGlyph(rune.Value) && kit.BodyBold.Font.ContainsGlyph(rune.Value) ? rune.ToString() : "?");
                }
            }

            var lines = result.ToString().Split('\n').Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            var kept = new List<string>();
            foreach (var line in lines)
            {
                if (line.Length > 0 || (kept.Count > 0 && kept[^1].Length > 0))
                {
                    kept.Add(line);
                }
            }

            return string.Join('\n', kept).Trim();
        }

        private string T(string german, string english) => document.English ? english : german;

        private string Km(int km) => $"{km.ToString("N0", culture)} km";

        // German typography puts a space before the percent sign, English does not.
        private string Percent(int percent) => T($"{percent} %", $"{percent}%");

        private string When(DateTimeOffset moment)
        {
            var local = TimeZoneInfo.ConvertTime(moment, document.TimeZone);
            return local.ToString(document.English ? "d MMMM yyyy, HH:mm" : "d. MMMM yyyy, HH:mm 'Uhr'", culture);
        }
    }

    /// <summary>A damage in the list: its heading (marker, area, thumbnail) and its note, set in the body style.</summary>
    private sealed record DamageLayout(Block Head, IReadOnlyList<string> NoteLines, float TextX, float MinHeight)
    {
        public float Height => Math.Max(Head.Height + (NoteLines.Count * BodyLineHeight), MinHeight);
    }

    /// <summary>Something of a known height that draws itself below a given top; its left edge is fixed when made.</summary>
    private sealed record Block(float Height, Action<SKCanvas, float> Draw);

    private static Block Lines(IReadOnlyList<string> lines, TextStyle style, float x, SKTextAlign align = SKTextAlign.Left) =>
        new(lines.Count * style.LineHeight, (canvas, top) =>
        {
            for (var index = 0; index < lines.Count; index++)
            {
                canvas.DrawText(lines[index], x, style.Baseline(top + (index * style.LineHeight)), align, style.Font, style.Paint);
            }
        });

    private static Block Row(params Block[] blocks) =>
        new(blocks.Length == 0 ? 0 : blocks.Max(block => block.Height), (canvas, top) =>
        {
            foreach (var block in blocks)
            {
                block.Draw(canvas, top);
            }
        });

    private static Block Stack(float gap, IReadOnlyList<Block> blocks) =>
        new(blocks.Sum(block => block.Height) + (gap * Math.Max(0, blocks.Count - 1)), (canvas, top) =>
        {
            foreach (var block in blocks)
            {
                block.Draw(canvas, top);
                top += block.Height + gap;
            }
        });

    /// <summary>The pages being filled, as drawing steps: they are replayed once the page count is known.</summary>
    private sealed class Flow
    {
        private readonly List<List<Action<SKCanvas>>> pages = [[]];

        public Flow() => Y = Top;

        public float Y { get; set; }

        public int PageIndex => pages.Count - 1;

        public IReadOnlyList<IReadOnlyList<Action<SKCanvas>>> Pages => pages;

        /// <summary>Space left on this page.</summary>
        public float Room => ContentBottom - Y;

        public bool AtTop => Y <= Top;

        /// <summary>Space on a fresh page after the first.</summary>
        public static float PageRoom => ContentBottom - Margin - RunningHeaderHeight;

        private float Top => pages.Count == 1 ? Margin : Margin + RunningHeaderHeight;

        /// <summary>Starts a new page unless what follows fits here (or could not fit any better on a fresh one).</summary>
        public void Reserve(float height)
        {
            if (height > Room && !AtTop)
            {
                NewPage();
            }
        }

        public void NewPage()
        {
            pages.Add([]);
            Y = Top;
        }

        public void Draw(Action<SKCanvas> draw) => pages[^1].Add(draw);
    }

    private sealed class TextStyle
    {
        private readonly float ascent;
        private readonly float descent;

        public TextStyle(SKFont font, SKPaint paint, float lineHeight)
        {
            Font = font;
            Paint = paint;
            LineHeight = lineHeight;
            var metrics = font.Metrics;
            (ascent, descent) = (-metrics.Ascent, metrics.Descent);
        }

        public SKFont Font { get; }

        public SKPaint Paint { get; }

        public float LineHeight { get; }

        /// <summary>The baseline that centres a line of this style in its line box.</summary>
        public float Baseline(float top) => top + ((LineHeight - (ascent + descent)) / 2) + ascent;
    }

    /// <summary>The fonts, paints and decoded images of one rendering, disposed together.</summary>
    private sealed class Kit : IDisposable
    {
        private readonly List<IDisposable> owned = [];
        private readonly Dictionary<byte[], SKImage?> decoded = new(ReferenceEqualityComparer.Instance);

        public Kit()
        {
            var ink = Fill(0x1F2933);
            var muted = Fill(0x616E7C);
            var accent = Fill(0x0B5CAD);
            var danger = Fill(0xC62828);
            var white = Fill(0xFFFFFF);

            Brand = Style(Typefaces.Bold, 10, accent, 14);
            Title = Style(Typefaces.Bold, 19, ink, 25);
            Meta = Style(Typefaces.Regular, 10, muted, 14);
            Heading = Style(Typefaces.Bold, 12, ink, 17);
            Label = Style(Typefaces.Regular, 8, muted, 11);
            Value = Style(Typefaces.Bold, 13, ink, 17);
            Body = Style(Typefaces.Regular, 10, ink, BodyLineHeight);
            BodyBold = Style(Typefaces.Bold, 10, ink, BodyLineHeight);
            Alert = Style(Typefaces.Bold, 10, danger, BodyLineHeight);
            Caption = Style(Typefaces.Regular, 9, ink, 12);
            Small = Style(Typefaces.Regular, 8, muted, 11);
            Marker = Style(Typefaces.Bold, 8, white, 10);
            MarkerSmall = Style(Typefaces.Bold, 6, white, 8);
            Badge = Style(Typefaces.Bold, 7, white, 9);

            AccentFill = accent;
            DangerFill = danger;
            CarFill = white;
            HighlightFill = Fill(0xFFF4E0);
            HighlightBar = Fill(0xE8A33D);
            PanelFill = Fill(0xF3F5F7);
            GlassFill = Fill(0xDCE6EF);
            WheelFill = Fill(0x3E4C59);
            CarLine = Stroke(0x52606D, 1);
            RuleLine = Stroke(0xD3D9E0, 0.75f);
            MarkerRing = Stroke(0xFFFFFF, 1.2f);
        }

        public TextStyle Brand { get; }

        public TextStyle Title { get; }

        public TextStyle Meta { get; }

        public TextStyle Heading { get; }

        public TextStyle Label { get; }

        public TextStyle Value { get; }

        public TextStyle Body { get; }

        public TextStyle BodyBold { get; }

        public TextStyle Alert { get; }

        public TextStyle Caption { get; }

        public TextStyle Small { get; }

        public TextStyle Marker { get; }

        public TextStyle MarkerSmall { get; }

        public TextStyle Badge { get; }

        public SKPaint AccentFill { get; }

        public SKPaint DangerFill { get; }

        public SKPaint CarFill { get; }

        public SKPaint HighlightFill { get; }

        public SKPaint HighlightBar { get; }

        public SKPaint PanelFill { get; }

        public SKPaint GlassFill { get; }

        public SKPaint WheelFill { get; }

        public SKPaint CarLine { get; }

        public SKPaint RuleLine { get; }

        public SKPaint MarkerRing { get; }

        /// <summary>Decodes a thumbnail; null when the bytes are not an image Skia can read.</summary>
        public SKImage? Decode(byte[]? encoded)
        {
            if (encoded is null || encoded.Length == 0)
            {
                return null;
            }

            if (!decoded.TryGetValue(encoded, out var image))
            {
                image = SKImage.FromEncodedData(encoded);
                decoded[encoded] = image is null ? null : Own(image);
            }

            return image;
        }

        public void Dispose()
        {
            for (var index = owned.Count - 1; index >= 0; index--)
            {
                owned[index].Dispose();
            }
        }

        private TextStyle Style(SKTypeface typeface, float size, SKPaint paint, float lineHeight) =>
            new(Own(new SKFont(typeface, size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None }), paint, lineHeight);

        private SKPaint Fill(uint rgb) => Own(new SKPaint { Color = new SKColor(0xFF000000 | rgb), IsAntialias = true, Style = SKPaintStyle.Fill });

        private SKPaint Stroke(uint rgb, float width) =>
            Own(new SKPaint { Color = new SKColor(0xFF000000 | rgb), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width });

        private T Own<T>(T disposable)
            where T : IDisposable
        {
            owned.Add(disposable);
            return disposable;
        }
    }

    /// <summary>
    /// DejaVu Sans, embedded: the NoDependencies Skia build has no fontconfig, so it cannot find system fonts by
    /// name. Loaded once per process from a copy in native memory, which typefaces may read from any thread.
    /// </summary>
    private static class Typefaces
    {
        private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSans.ttf"));
        private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSans-Bold.ttf"));

        public static SKTypeface Regular => RegularFace.Value;

        public static SKTypeface Bold => BoldFace.Value;

        private static SKTypeface Load(string file)
        {
            var name = $"Autowartung.Platform.Concierge.Fonts.{file}";
            using var resource = typeof(ProtocolPdf).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The font {name} is not embedded in the assembly.");
            using var bytes = new MemoryStream();
            resource.CopyTo(bytes);
            using var data = SKData.CreateCopy(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
            return SKFontManager.Default.CreateTypeface(data)
                ?? throw new InvalidOperationException($"Skia could not read the font {name}.");
        }
    }

    /// <summary>Breaks text into lines no wider than <paramref name="width"/>, at spaces, or inside a word too long for a line.</summary>
    private static List<string> Wrap(string text, TextStyle style, float width)
    {
        var font = style.Font;
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (font.MeasureText(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                var rest = word;
                while (rest.Length > 1 && font.MeasureText(rest) > width)
                {
                    var fits = Fitting(rest, font, width);
                    lines.Add(rest[..fits]);
                    rest = rest[fits..];
                }

                line = rest;
            }

            lines.Add(line);
        }

        return lines.Count == 1 && lines[0].Length == 0 ? [] : lines;
    }

    /// <summary>How many characters of a word fit the width: at least one, never half a surrogate pair.</summary>
    private static int Fitting(string word, SKFont font, float width)
    {
        var (low, high) = (1, word.Length - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (font.MeasureText(word.AsSpan(0, middle)) <= width)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return char.IsHighSurrogate(word[low - 1]) && low < word.Length - 1 ? low + 1 : low;
    }
}
