using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Documents.Spreadsheets;
using Platform.BuildingBlocks.Text;
using Liaison = Platform.Contracts.Planning.V1.Liaison;

namespace Platform.Planning.Module.Features.Units;

/// <summary>
/// Imports the node's units from the list offices keep in Excel, as CSV or the workbook itself (.xlsx, first
/// sheet; read as assessment's ImportPeople reads its lists, by <see cref="ListUpload"/>): columns
/// 名称,简称,类型,行政区划代码,别名,联络员,联系电话,电子邮箱,分组 (or the English
/// name,short_name,kind,region_code,aliases,liaison_name,liaison_phone,liaison_email,groups).
/// Type is 政府/部门 or government/department; aliases and groups are separated by ';' or '；'.
/// Existing units (same name) are updated; groups are created as needed. A bad row is reported
/// with its line and skipped; the good rows are saved together.
/// </summary>
public sealed class ImportUnitsFeature(PlanningDbContext db, PlanningAccess access)
{
    public const int MaxBytes = 5 * 1024 * 1024;

    private static readonly string[][] Columns =
    [
        ["名称", "name"], ["简称", "short_name"], ["类型", "kind"], ["行政区划代码", "region_code"], ["别名", "aliases"],
        ["联络员", "liaison_name"], ["联系电话", "liaison_phone"], ["电子邮箱", "liaison_email"], ["分组", "groups"],
    ];

    public async Task<ImportUnitsResponse> ImportAsync(ImportUnitsRequest request, CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.NodeOperator);
        var (rows, problems) = ReadRows(request.Content.Span, request.FileName);
        var response = new ImportUnitsResponse();
        response.Problems.AddRange(problems);
        var units = await db.Units.ToDictionaryAsync(u => u.Name, cancellationToken);
        var groups = await db.UnitGroups.ToDictionaryAsync(g => g.Name, cancellationToken);
        var audit = access.Now();
        foreach (var (_, fields, groupNames) in rows)
        {
            if (units.TryGetValue(fields.Name, out var existing))
            {
                existing.Update(fields.ShortName, fields.Kind, fields.RegionCode, fields.Aliases, fields.Liaison, audit);
                response.Updated++;
            }
            else
            {
                existing = Domain.Unit.Create(fields.Name, fields.ShortName, fields.Kind, fields.RegionCode, fields.Aliases, fields.Liaison, audit);
                db.Units.Add(existing);
                units[fields.Name] = existing;
                response.Created++;
            }
            db.AddIntegrationEvent(UnitSavedEvent.Of(existing, audit));
            foreach (var groupName in groupNames)
            {
                if (!groups.TryGetValue(groupName, out var group))
                {
                    group = Domain.UnitGroup.Create(groupName, [], [], audit);
                    db.UnitGroups.Add(group);
                    groups[groupName] = group;
                }
                group.AddMember(existing.Id);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }

    internal sealed record UnitRow(int Line, UnitFieldRules.UnitFields Fields, List<string> Groups);

    /// <summary>
    /// The file read into valid rows and the problems of the others, without touching the database; throws a
    /// <see cref="ValidationException"/> on "content" only when the file as a whole is unusable (no rows, no header).
    /// </summary>
    internal static (List<UnitRow> Rows, List<ImportProblem> Problems) ReadRows(ReadOnlySpan<byte> content, string? fileName = null)
    {
        // Callers from before file_name existed send CSV without a name.
        var name = string.IsNullOrWhiteSpace(fileName) ? "units.csv" : fileName;
        var rows = ListUpload.Read(content, name, MaxBytes).Where(r => !r.Fields.All(string.IsNullOrWhiteSpace)).ToList();
        if (rows.Count == 0)
        {
            throw new ValidationException("content", "holds no rows");
        }
        var header = rows[0].Fields.Select(h => h.Trim()).ToList();
        var index = Columns.Select(names => header.FindIndex(h => names.Contains(h, StringComparer.OrdinalIgnoreCase))).ToArray();
        if (index[0] < 0 || index[2] < 0 || index[3] < 0)
        {
            throw new ValidationException("content", "the first row must name the columns; 名称 (name), 类型 (kind) and 行政区划代码 (region_code) are required");
        }
        var valid = new List<UnitRow>();
        var problems = new List<ImportProblem>();
        var seen = new HashSet<string>();
        foreach (var (line, row, badData) in rows.Skip(1))
        {
            if (badData is not null)
            {
                problems.Add(new ImportProblem { Line = line, Text = string.Join(",", row), Problem = badData });
                continue;
            }
            string Cell(int column) => index[column] >= 0 && index[column] < row.Count ? row[index[column]].Trim() : string.Empty;
            var validator = new RequestValidator();
            var kindText = Cell(2) switch { "政府" => "government", "部门" => "department", var other => other };
            var fields = UnitFieldRules.ValidateFields(
                validator, "", Cell(0), Cell(1), kindText, Cell(3), SplitList(Cell(4)),
                new Liaison { Name = Cell(5), Phone = Cell(6), Email = Cell(7) });
            var groupNames = SplitList(Cell(8));
            foreach (var groupName in groupNames)
            {
                if (RequestValidator.NameProblem(groupName) is { } groupProblem)
                {
                    validator.Add("groups", groupProblem);
                }
            }
            if (!validator.IsValid || !seen.Add(fields.Name))
            {
                var problem = validator.IsValid ? "名称重复" : string.Join("；", validator.Violations.Select(v => $"{v.Field}: {v.Description}"));
                problems.Add(new ImportProblem { Line = line, Text = string.Join(",", row), Problem = problem });
                continue;
            }
            valid.Add(new UnitRow(line, fields, groupNames));
        }
        return (valid, problems);
    }

    private static List<string> SplitList(string text) =>
        // Not '、': names such as 各县（市、区）人民政府 contain it.
        text.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
