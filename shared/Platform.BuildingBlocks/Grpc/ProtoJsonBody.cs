using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Grpc;

/// <summary>
/// Reads a JSON request body against the message it claims to be, before any handler sees it: malformed
/// JSON is named by line and position, a field the message does not have is refused (not dropped), and a
/// value of the wrong JSON kind is named by its field path. Used by the plain REST endpoints directly and,
/// through <see cref="JsonBodyGuardMiddleware"/>, in front of every JSON-transcoded gRPC method.
/// </summary>
public static class ProtoJsonBody
{
    /// <summary>The field name used for problems that belong to the body as a whole.</summary>
    public const string BodyField = "body";

    /// <summary>Deeper than any platform message nests; a deeper document is refused before it is walked.</summary>
    public const int MaxDepth = 32;

    /// <summary>The same limit gRPC applies to a request message.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    /// <summary>Every problem of <paramref name="json"/> read as <paramref name="descriptor"/>; empty when it can be parsed.</summary>
    public static IReadOnlyList<FieldViolation> Check(ReadOnlyMemory<byte> json, MessageDescriptor descriptor)
    {
        // JSON is UTF-8; System.Text.Json only notices bad bytes when a name or string is read, and then throws.
        if (FirstInvalidUtf8(json.Span) is { } bad)
        {
            return [new FieldViolation(BodyField, $"byte {bad + 1}: is not valid UTF-8")];
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return [new FieldViolation(BodyField, Describe(ex))];
        }
        using (document)
        {
            var violations = new List<FieldViolation>();
            // A lone surrogate escape ("\ud800") parses as JSON but cannot be read as a string: System.Text.Json
            // throws when it is read (here, in transcoding, or in a handler), so find every one first and name it.
            FindUnreadableStrings(document.RootElement, string.Empty, violations);
            if (violations.Count > 0)
            {
                return violations;
            }
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                violations.Add(new FieldViolation(BodyField, $"must be a JSON object, got {Kind(document.RootElement.ValueKind)}"));
            }
            else
            {
                CheckMessage(document.RootElement, descriptor, string.Empty, violations, new Tally());
            }
            return violations;
        }
    }

    /// <summary>Parses <paramref name="json"/> as <typeparamref name="T"/>, or throws a <see cref="ValidationException"/> naming what is wrong.</summary>
    public static T Parse<T>(ReadOnlyMemory<byte> json) where T : IMessage<T>, new()
    {
        var descriptor = new T().Descriptor;
        var violations = Check(json, descriptor);
        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }
        T message;
        try
        {
            message = Parser.Parse<T>(System.Text.Encoding.UTF8.GetString(json.Span));
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            // What is left after the structural check: values of the right kind but out of range (an int32 of 2^40, a bad timestamp).
            throw new ValidationException(BodyField, ex.Message);
        }
        RequestRules.ThrowIfBroken(message);
        return message;
    }

    /// <summary>Reads the request body (at most <see cref="MaxBytes"/>) and parses it as <typeparamref name="T"/>.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : IMessage<T>, new()
    {
        if (request.ContentLength > MaxBytes)
        {
            throw new ValidationException(BodyField, $"is {request.ContentLength} bytes; at most {MaxBytes} bytes are accepted");
        }
        var body = await ReadBoundedAsync(request.Body, cancellationToken);
        return Parse<T>(body);
    }

    internal static async Task<byte[]> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new ValidationException(BodyField, $"is larger than {MaxBytes} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return null;
        }
        var at = 0;
        while (System.Text.Rune.DecodeFromUtf8(bytes[at..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            at += consumed;
        }
        return at;
    }

    private static void FindUnreadableStrings(JsonElement value, string path, List<FieldViolation> violations)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        violations.Add(new FieldViolation(PathOrBody(path), $"a property name ({Excerpt(property)}) holds a lone surrogate escape, which is not text"));
                        continue;
                    }
                    FindUnreadableStrings(property.Value, Join(path, name), violations);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    FindUnreadableStrings(item, $"{PathOrBody(path)}[{index++}]", violations);
                }
                break;
            case JsonValueKind.String:
                try
                {
                    _ = value.GetString();
                }
                catch (InvalidOperationException)
                {
                    violations.Add(new FieldViolation(PathOrBody(path), "holds a lone surrogate escape (\\uD800–\\uDFFF without its pair), which is not text"));
                }
                break;
        }
    }

    private static string Excerpt(JsonProperty property)
    {
        // The raw text of "name": value; only the name's escapes are shown.
        var raw = property.ToString();
        var end = raw.IndexOf("\":", StringComparison.Ordinal);
        var name = end > 0 ? raw[..(end + 1)] : raw;
        return name.Length <= 40 ? name : name[..40] + "…";
    }

    private static string Describe(JsonException ex)
    {
        // System.Text.Json counts lines and byte positions from zero; people count from one.
        var where = ex.LineNumber is { } line ? $"line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}: " : string.Empty;
        var message = ex.Message;
        foreach (var tail in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(tail, StringComparison.Ordinal);
            message = cut > 0 ? message[..cut] : message;
        }
        return where + "is not valid JSON (" + message.TrimEnd(' ', '.') + ")";
    }

    private static void CheckMessage(JsonElement value, MessageDescriptor descriptor, string path, List<FieldViolation> violations, Tally tally)
    {
        if (IsWellKnown(descriptor))
        {
            return;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new FieldViolation(PathOrBody(path), $"must be a JSON object, got {Kind(value.ValueKind)}"));
            return;
        }
        foreach (var property in value.EnumerateObject())
        {
            var field = descriptor.FindFieldByName(property.Name) ?? descriptor.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == property.Name);
            if (field is null)
            {
                violations.Add(new FieldViolation(Join(path, property.Name), "is not a field of this request"));
                continue;
            }
            CheckField(property.Value, field, Join(path, field.Name), violations, tally);
        }
    }

    private static void CheckField(JsonElement value, FieldDescriptor field, string path, List<FieldViolation> violations, Tally tally)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (field.IsMap)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                violations.Add(new FieldViolation(path, $"must be a JSON object, got {Kind(value.ValueKind)}"));
                return;
            }
            if (tally.Cross(value.EnumerateObject().Count(), path, violations))
            {
                return;
            }
            var valueField = field.MessageType.FindFieldByNumber(2);
            foreach (var entry in value.EnumerateObject())
            {
                CheckSingle(entry.Value, valueField, $"{path}[{entry.Name}]", violations, tally);
            }
            return;
        }
        if (field.IsRepeated)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                violations.Add(new FieldViolation(path, $"must be a JSON array, got {Kind(value.ValueKind)}"));
                return;
            }
            if (tally.Cross(value.GetArrayLength(), path, violations))
            {
                return;
            }
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                CheckSingle(item, field, $"{path}[{index++}]", violations, tally);
            }
            return;
        }
        CheckSingle(value, field, path, violations, tally);
    }

    private static void CheckSingle(JsonElement value, FieldDescriptor field, string path, List<FieldViolation> violations, Tally tally)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        var expected = field.FieldType switch
        {
            FieldType.Message or FieldType.Group => null,
            FieldType.String or FieldType.Bytes => value.ValueKind == JsonValueKind.String ? null : "a JSON string",
            FieldType.Bool => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "true or false",
            FieldType.Enum => value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? null : "a JSON string",
            // Protobuf JSON allows numbers as strings (64-bit integers are written that way).
            _ => value.ValueKind is JsonValueKind.Number or JsonValueKind.String ? null : "a number",
        };
        if (expected is not null)
        {
            violations.Add(new FieldViolation(path, $"must be {expected}, got {Kind(value.ValueKind)}"));
        }
        else if (NumberProblem(value, field.FieldType) is { } problem)
        {
            violations.Add(new FieldViolation(path, problem));
        }
        else if (field.FieldType == FieldType.Bytes && !IsBase64(value.GetString()!))
        {
            violations.Add(new FieldViolation(path, "is not base64; a file or other bytes are sent as base64 text (standard or URL-safe alphabet)"));
        }
        else if (field.FieldType == FieldType.Message)
        {
            CheckMessage(value, field.MessageType, path, violations, tally);
        }
    }

    /// <summary>A number that does not fit its field (Protobuf's parser would refuse it without saying which field).</summary>
    private static string? NumberProblem(JsonElement value, FieldType type)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var integer = System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowExponent | System.Globalization.NumberStyles.AllowDecimalPoint;
        var fits = type switch
        {
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 =>
                decimal.TryParse(text, integer, invariant, out var d) && decimal.Truncate(d) == d && d is >= int.MinValue and <= int.MaxValue,
            FieldType.UInt32 or FieldType.Fixed32 =>
                decimal.TryParse(text, integer, invariant, out var d) && decimal.Truncate(d) == d && d is >= 0 and <= uint.MaxValue,
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 =>
                decimal.TryParse(text, integer, invariant, out var d) && decimal.Truncate(d) == d && d is >= long.MinValue and <= long.MaxValue,
            FieldType.UInt64 or FieldType.Fixed64 =>
                decimal.TryParse(text, integer, invariant, out var d) && decimal.Truncate(d) == d && d is >= 0 and <= ulong.MaxValue,
            FieldType.Double or FieldType.Float =>
                text is "NaN" or "Infinity" or "-Infinity" || double.TryParse(text, System.Globalization.NumberStyles.Float, invariant, out _),
            _ => true,
        };
        return fits ? null : $"'{(text.Length <= 40 ? text : text[..40] + "…")}' is not a valid {type.ToString().ToLowerInvariant()}";
    }

    /// <summary>Base64 as Protobuf's JSON reads it: the standard or the URL-safe alphabet, padding optional.</summary>
    private static bool IsBase64(string text)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        if (standard.Length % 4 != 0)
        {
            standard = standard.PadRight(standard.Length + 4 - standard.Length % 4, '=');
        }
        var buffer = new byte[standard.Length / 4 * 3];
        return Convert.TryFromBase64String(standard, buffer, out _);
    }

    /// <summary>The items of all lists and maps read so far, against <see cref="RequestRules.MaxTotalListItems"/>; the body is refused where it crosses.</summary>
    private sealed class Tally
    {
        private long items;
        private bool crossed;

        /// <summary>Counts a list of <paramref name="count"/> items; true (and named once) when the request has gone over the total.</summary>
        public bool Cross(int count, string path, List<FieldViolation> violations)
        {
            if (crossed)
            {
                return true;
            }
            items += count;
            if (items <= RequestRules.MaxTotalListItems)
            {
                return false;
            }
            crossed = true;
            violations.Add(new FieldViolation(path, RequestRules.TotalListItemsProblem(items)));
            return true;
        }
    }

    private static bool IsWellKnown(MessageDescriptor descriptor) =>
        descriptor.File.Package == "google.protobuf";

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string PathOrBody(string path) => path.Length == 0 ? BodyField : path;

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
