using System.Text.Json;
using System.Text.Json.Serialization;

namespace Autowartung.ServiceDefaults.Problems;

/// <summary>
/// The one check for control characters in user input. No field of the platform has a use for them
/// (U+0000 even makes PostgreSQL refuse the whole statement); tab and line breaks stay allowed, for
/// multi-line text such as a reason.
/// </summary>
public static class ControlCharacters
{
    public const string Message = "Steuerzeichen sind hier nicht erlaubt.";

    public static bool Contains(string? value)
    {
        if (value is null) return false;
        foreach (var c in value)
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return true;
        return false;
    }
}

/// <summary>A JSON string value with a control character; the serializer adds the path of the field.</summary>
public sealed class ControlCharacterJsonException() : JsonException(ControlCharacters.Message);

/// <summary>
/// Reads every JSON string of a request body through <see cref="ControlCharacters"/>, so no API has to
/// remember the check; a refused value fails binding with the field's path like any other bad value.
/// </summary>
internal sealed class PlainTextJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return ControlCharacters.Contains(value) ? throw new ControlCharacterJsonException() : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
