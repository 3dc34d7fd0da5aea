using System.Globalization;
using System.Text.RegularExpressions;
using Autowartung.Platform.Data;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Autowartung.Platform.Vehicles;

/// <summary>
/// Imports the vehicle catalog from CSV (semicolon-separated, one model per line, see
/// vehicle-catalog.csv): new models are added, known ones (make, model, first year) updated, key
/// numbers replaced. All or nothing: one bad line and nothing is written, and every bad line is named.
/// </summary>
public sealed partial class ImportVehicleCatalog(PlatformDbContext db)
{
    public sealed record Imported(int Added, int Updated, int KeyNumbers);

    private sealed record Row(string Make, string Model, int YearFrom, int? YearTo, FuelType[] Fuels, VehicleClass Class, (string Hsn, string Tsn, FuelType Fuel)[] KeyNumbers);

    /// <returns>What was imported, or invalid with every bad line (in order, each naming its line number) under <c>file</c>.</returns>
    public async Task<Result<Imported>> RunAsync(TextReader csv, CancellationToken cancellationToken = default)
    {
        var (rows, errors) = Parse(csv);
        if (errors.Count > 0) return Result.Invalid("file", errors);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.VehicleModels.ToListAsync(cancellationToken);
        int added = 0, updated = 0;
        var models = new List<(VehicleModel Model, Row Row)>();
        foreach (var row in rows)
        {
            var model = existing.SingleOrDefault(m => m.Make == row.Make && m.Model == row.Model && m.YearFrom == row.YearFrom);
            if (model is null)
            {
                model = VehicleModel.Create(row.Make, row.Model, row.YearFrom, row.YearTo, row.Fuels, row.Class);
                db.VehicleModels.Add(model);
                added++;
            }
            else
            {
                model.Update(row.YearTo, row.Fuels, row.Class);
                updated++;
            }
            models.Add((model, row));
        }
        await db.SaveChangesAsync(cancellationToken);

        var modelIds = models.Select(m => m.Model.Id).ToList();
        var pairs = models.SelectMany(m => m.Row.KeyNumbers.Select(k => (k.Hsn, k.Tsn))).ToList();
        await db.VehicleKeyNumbers.Where(k => modelIds.Contains(k.VehicleModelId)).ExecuteDeleteAsync(cancellationToken);
        foreach (var (hsn, tsn) in pairs)
            await db.VehicleKeyNumbers.Where(k => k.Hsn == hsn && k.Tsn == tsn).ExecuteDeleteAsync(cancellationToken);
        foreach (var (model, row) in models)
            foreach (var (hsn, tsn, fuel) in row.KeyNumbers)
                db.VehicleKeyNumbers.Add(VehicleKeyNumber.Create(hsn, tsn, model.Id, fuel));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Imported(added, updated, pairs.Count);
    }

    private static (List<Row> Rows, List<string> Errors) Parse(TextReader csv)
    {
        var rows = new List<Row>();
        var errors = new List<string>();
        var options = new CsvReaderOptions
        {
            Separator = ';',
            HasHeader = true,
            CommentPrefix = '#',
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
        };
        using var reader = CsvReader.Create(csv, options, leaveOpen: true);
        string[] expected = ["make", "model", "yearFrom", "yearTo", "fuels", "class", "keyNumbers"];
        if (!reader.Read())
            return (rows, ["Die Datei enthält keine Modelle."]);
        if (!expected.SequenceEqual(reader.Headers ?? []))
            return (rows, [$"Die Kopfzeile muss lauten: {string.Join(';', expected)}"]);

        var seenKeys = new HashSet<(string, string)>();
        var seenModels = new HashSet<(string, string, int)>();
        do
        {
            var line = reader.LineNumber;
            var problems = new List<string>();
            var make = reader.GetStringOrNull("make") ?? "";
            var model = reader.GetStringOrNull("model") ?? "";
            if (make.Length is 0 or > 60) problems.Add("Hersteller fehlt oder ist zu lang");
            if (model.Length is 0 or > 80) problems.Add("Modell fehlt oder ist zu lang");
            var yearFrom = ParseYear(reader.GetStringOrNull("yearFrom"));
            var yearToText = reader.GetStringOrNull("yearTo");
            var yearTo = string.IsNullOrEmpty(yearToText) ? null : ParseYear(yearToText);
            if (yearFrom is null) problems.Add("Baujahr ab ist kein Jahr zwischen 1950 und 2100");
            if (!string.IsNullOrEmpty(yearToText) && (yearTo is null || yearTo < yearFrom)) problems.Add("Baujahr bis ist kein Jahr nach Baujahr ab");
            var fuels = ParseEnums<FuelType>(reader.GetStringOrNull("fuels"), problems, "Kraftstoff");
            if (fuels.Length == 0) problems.Add("mindestens ein Kraftstoff");
            if (!Enum.TryParse<VehicleClass>(reader.GetStringOrNull("class"), ignoreCase: false, out var vehicleClass) || !Enum.IsDefined(vehicleClass))
                problems.Add($"unbekannte Fahrzeugklasse „{reader.GetStringOrNull("class")}“");
            var keys = new List<(string, string, FuelType)>();
            foreach (var part in (reader.GetStringOrNull("keyNumbers") ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                var match = KeyNumber().Match(part);
                if (!match.Success || !Enum.TryParse<FuelType>(match.Groups[3].Value, out var keyFuel) || !fuels.Contains(keyFuel))
                {
                    problems.Add($"Schlüsselnummer „{part}“ ist nicht HSN/TSN:Kraftstoff eines der Kraftstoffe");
                    continue;
                }
                var key = (match.Groups[1].Value, match.Groups[2].Value.ToUpperInvariant());
                if (!seenKeys.Add(key)) problems.Add($"Schlüsselnummer {key.Item1}/{key.Item2} kommt doppelt vor");
                keys.Add((key.Item1, key.Item2, keyFuel));
            }
            if (yearFrom is { } from && !seenModels.Add((make, model, from))) problems.Add("dieses Modell mit diesem Baujahr ab kommt doppelt vor");

            if (problems.Count > 0) errors.Add($"Zeile {line}: {string.Join("; ", problems)}.");
            else rows.Add(new Row(make, model, yearFrom!.Value, yearTo, fuels, vehicleClass, [.. keys]));
        }
        while (reader.Read());
        if (rows.Count == 0 && errors.Count == 0) errors.Add("Die Datei enthält keine Modelle.");
        return (rows, errors);
    }

    private static int? ParseYear(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1950 and <= 2100 ? year : null;

    private static T[] ParseEnums<T>(string? text, List<string> problems, string what) where T : struct, Enum
    {
        var values = new List<T>();
        foreach (var part in (text ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries))
            if (Enum.TryParse<T>(part, ignoreCase: false, out var value) && Enum.IsDefined(value)) values.Add(value);
            else problems.Add($"unbekannter {what} „{part}“");
        return [.. values];
    }

    [GeneratedRegex("^([0-9]{4})/([0-9A-Za-z]{3}):([A-Za-z]+)$")]
    private static partial Regex KeyNumber();
}
