using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Platform.BuildingBlocks.Errors;

/// <summary>
/// The rules every request meets whatever its method, checked once for all of them (by the gRPC error mapping,
/// so transcoded REST calls too, and by the plain REST endpoints that parse a message themselves): every string
/// named like a name or title (<c>name</c>, <c>title</c>, <c>*_name</c>, <c>*_title</c>) follows
/// <see cref="RequestValidator.NameProblem"/>, every other string <see cref="RequestValidator.TextProblem"/>, and
/// every list has at most <see cref="MaxListItems"/> items and all lists together at most <see cref="MaxTotalListItems"/>.
/// </summary>
public static class RequestRules
{
    /// <summary>
    /// Far above any list an office sends (a province has a few hundred units, a plan a few hundred tasks),
    /// far below what it takes to make a node spend its memory on one request.
    /// </summary>
    public const int MaxListItems = 1000;

    /// <summary>
    /// The items of all lists of one request together (300 tasks of 300 targets each are 90 000 items, 5 MB of JSON):
    /// each list within <see cref="MaxListItems"/> is not enough when lists nest.
    /// </summary>
    public const int MaxTotalListItems = 10_000;

    /// <summary>How the total was crossed, in the words of a field description.</summary>
    public static string TotalListItemsProblem(long total) =>
        $"brings the lists of this request to {total} items in all; at most {MaxTotalListItems} are accepted";

    private sealed class Tally
    {
        public long Items { get; set; }

        public bool Crossed { get; set; }
    }

    public static IReadOnlyList<FieldViolation> Check(IMessage request)
    {
        var validator = new RequestValidator();
        Walk(request, string.Empty, validator, depth: 0, new Tally());
        return validator.Violations;
    }

    public static void ThrowIfBroken(IMessage request)
    {
        var violations = Check(request);
        if (violations.Count > 0)
        {
            throw new ValidationException(violations);
        }
    }

    public static bool IsNameField(string protoName) =>
        protoName is "name" or "title" || protoName.EndsWith("_name", StringComparison.Ordinal) || protoName.EndsWith("_title", StringComparison.Ordinal);

    private static void Walk(IMessage message, string path, RequestValidator validator, int depth, Tally tally)
    {
        // Protobuf itself stops at 100 levels; platform messages nest a handful.
        if (depth > 32)
        {
            return;
        }
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var name = path.Length == 0 ? field.Name : path + "." + field.Name;
            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                continue;
            }
            if (field.IsRepeated)
            {
                var list = (System.Collections.IList)value;
                validator.Count(name, list.Count, MaxListItems);
                if (tally.Crossed)
                {
                    return;
                }
                tally.Items += list.Count;
                if (tally.Items > MaxTotalListItems)
                {
                    tally.Crossed = true;
                    validator.Add(name, TotalListItemsProblem(tally.Items));
                    return;
                }
                for (var i = 0; i < Math.Min(list.Count, MaxListItems); i++)
                {
                    CheckValue(field, list[i], $"{name}[{i}]", validator, depth, tally);
                }
                continue;
            }
            CheckValue(field, value, name, validator, depth, tally);
        }
    }

    private static void CheckValue(FieldDescriptor field, object? value, string path, RequestValidator validator, int depth, Tally tally)
    {
        switch (value)
        {
            case string { Length: > 0 } text:
                if ((IsNameField(field.Name) ? RequestValidator.NameProblem(text) : RequestValidator.TextProblem(text)) is { } problem)
                {
                    validator.Add(path, problem);
                }
                break;
            case IMessage nested when field.FieldType == FieldType.Message && nested.Descriptor.File.Package != "google.protobuf":
                Walk(nested, path, validator, depth + 1, tally);
                break;
        }
    }
}
