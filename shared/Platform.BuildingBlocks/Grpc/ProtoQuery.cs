using System.Globalization;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;
using Platform.BuildingBlocks.Errors;

namespace Platform.BuildingBlocks.Grpc;

/// <summary>
/// Reads the query string of a JSON-transcoded call against the request message before transcoding does:
/// a parameter that is not a field of the request is refused (transcoding would drop it, so a misspelt filter
/// looks accepted), and a value that does not fit its field is named by the parameter (transcoding answers
/// "The input string 'abc' was not in a correct format." without saying which).
/// </summary>
public static class ProtoQuery
{
    /// <param name="query">The request's query string.</param>
    /// <param name="input">The request message of the method.</param>
    /// <param name="body">The HTTP rule's body: "*" (every field comes from the body), a field name, or empty.</param>
    public static IReadOnlyList<FieldViolation> Check(IQueryCollection query, MessageDescriptor input, string? body)
    {
        var violations = new List<FieldViolation>();
        foreach (var (key, values) in query)
        {
            var field = Resolve(input, key);
            if (field is null)
            {
                violations.Add(new FieldViolation(key, "is not a field of this request"));
                continue;
            }
            if (body == "*" || (!string.IsNullOrEmpty(body) && TopLevelName(input, key) == body))
            {
                violations.Add(new FieldViolation(key, "is read from the request body, not the query string"));
                continue;
            }
            foreach (var value in values)
            {
                if (value is not null && ValueProblem(value, field) is { } problem)
                {
                    violations.Add(new FieldViolation(key, problem));
                    break;
                }
            }
        }
        return violations;
    }

    /// <summary>The field a dotted query parameter names (proto or JSON names), through singular message fields; null when there is none.</summary>
    private static FieldDescriptor? Resolve(MessageDescriptor message, string key)
    {
        FieldDescriptor? field = null;
        var current = message;
        foreach (var segment in key.Split('.'))
        {
            if (current is null || current.File.Package == "google.protobuf")
            {
                return null;
            }
            field = current.FindFieldByName(segment) ?? current.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == segment);
            if (field is null || field.IsMap)
            {
                return null;
            }
            current = field.FieldType == FieldType.Message && !field.IsRepeated ? field.MessageType : null;
        }
        // A message is not a query value unless it is a well-known wrapper (Int32Value, Timestamp, …).
        return field is { FieldType: FieldType.Message } && field.MessageType.File.Package != "google.protobuf" ? null : field;
    }

    private static string? TopLevelName(MessageDescriptor message, string key)
    {
        var first = key.Split('.')[0];
        return (message.FindFieldByName(first) ?? message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == first))?.Name;
    }

    private static string? ValueProblem(string value, FieldDescriptor field)
    {
        var invariant = CultureInfo.InvariantCulture;
        var fits = field.FieldType switch
        {
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out _),
            FieldType.UInt32 or FieldType.Fixed32 => uint.TryParse(value, NumberStyles.None, invariant, out _),
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => long.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out _),
            FieldType.UInt64 or FieldType.Fixed64 => ulong.TryParse(value, NumberStyles.None, invariant, out _),
            FieldType.Double or FieldType.Float => value is "NaN" or "Infinity" or "-Infinity" || double.TryParse(value, NumberStyles.Float, invariant, out _),
            FieldType.Bool => value is "true" or "false" or "True" or "False",
            FieldType.Enum => field.EnumType.FindValueByName(value) is not null || int.TryParse(value, NumberStyles.AllowLeadingSign, invariant, out _),
            _ => true,
        };
        if (fits)
        {
            return null;
        }
        var shown = value.Length <= 40 ? value : value[..40] + "…";
        var kind = field.FieldType == FieldType.Enum ? "value of " + field.EnumType.Name : field.FieldType.ToString().ToLowerInvariant();
        return $"'{shown}' is not a valid {kind}";
    }
}
