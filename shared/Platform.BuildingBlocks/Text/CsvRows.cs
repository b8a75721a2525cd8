using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Platform.BuildingBlocks.Text;

/// <summary>One record of an uploaded CSV file.</summary>
/// <param name="Line">The line of the file the record starts on (1-based), counting line breaks inside quoted fields.</param>
/// <param name="Problem">Why the record cannot be trusted (a stray quote), or null.</param>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields, string? Problem);

/// <summary>
/// Reads an uploaded CSV file (RFC 4180: quoted fields, doubled quotes, line breaks and commas
/// inside quotes) with CsvHelper, after <see cref="TextDecoding"/> has chosen UTF-8 or GBK.
/// </summary>
public static class CsvRows
{
    public static IReadOnlyList<CsvRow> Read(ReadOnlySpan<byte> content) => Read(TextDecoding.Decode(content));

    public static IReadOnlyList<CsvRow> Read(string text)
    {
        var rows = new List<CsvRow>();
        string? problem = null;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Blank lines are kept so that every record's starting line can be counted; callers skip them.
            IgnoreBlankLines = false,
            DetectColumnCountChanges = false,
            // A quote in the middle of an unquoted field: keep the row so it can be reported with its line.
            BadDataFound = args => problem ??= $"引号不成对：{args.Field}",
        };
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, configuration);
        var previousEnd = 0;
        while (parser.Read())
        {
            var fields = parser.Record ?? [];
            rows.Add(new CsvRow(previousEnd + 1, fields, problem));
            previousEnd = parser.RawRow;
            problem = null;
        }

        return rows;
    }
}
