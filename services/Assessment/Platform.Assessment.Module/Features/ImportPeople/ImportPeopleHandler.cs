using Platform.Assessment.Module.Features.People;
using Platform.BuildingBlocks.Documents.Spreadsheets;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Text;

namespace Platform.Assessment.Module.Features.ImportPeople;

/// <summary>
/// Imports people from the lists offices keep, as CSV (UTF-8 or GBK) or .xlsx (first sheet): columns
/// 单位,姓名,职务,岗位类别,职级,任职时间,任期届满 (or unit,name,position,post_kind,rank,term_start,term_end).
/// The unit is matched by its name or short name. A person already serving in the unit under that name
/// is updated (the change is kept in their history); anyone else is appointed. A bad row is reported with
/// its line and skipped; the good rows are saved together.
/// </summary>
public sealed class ImportPeopleHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public const int MaxBytes = 10 * 1024 * 1024;

    private static readonly string[][] Columns =
    [
        // Simplified, Traditional and English headers.
        ["单位", "單位", "unit"], ["姓名", "name"], ["职务", "職務", "position"], ["岗位类别", "崗位類別", "post_kind"], ["职级", "職級", "rank"],
        ["任职时间", "任職時間", "term_start"], ["任期届满", "任期屆滿", "term_end"],
    ];

    // HasRank / HasTermEnd: whether the file has that column at all; a list without it keeps what is on file.
    internal sealed record PersonRow(int Line, string Text, Guid UnitId, string Name, PostHeld Post, DateOnly? TermStart, bool HasRank = true, bool HasTermEnd = true);

    public async Task<ImportPeopleResponse> HandleAsync(ImportPeopleRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var records = ListUpload.Read(request.Content.Span, request.FileName, MaxBytes);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.ShortName }).ToListAsync(cancellationToken);
        var unitByName = new Dictionary<string, Guid>(StringComparer.Ordinal);
        // Full names win over short names when one unit's short name is another's name.
        foreach (var unit in units.Where(u => u.ShortName.Length > 0))
        {
            unitByName[unit.ShortName] = unit.Id;
        }
        foreach (var unit in units)
        {
            unitByName[unit.Name] = unit.Id;
        }
        var stamp = access.Now();
        var today = stamp.At.DateInChina();
        var (rows, problems) = Parse(records, unitByName, today);
        var response = new ImportPeopleResponse();
        response.Problems.AddRange(problems);

        var names = rows.Select(r => r.Name).Distinct().ToList();
        var onFile = await db.People.Where(p => names.Contains(p.Name)).ToListAsync(cancellationToken);
        var histories = await PersonLoader.HistoriesAsync(db, [.. onFile.Select(p => p.Id)], cancellationToken);
        foreach (var row in rows)
        {
            try
            {
                if (Serving(onFile, histories, row, today) is { } person)
                {
                    if (Update(person, histories[person.Id], row, today, stamp) is { } change)
                    {
                        db.PersonChanges.Add(change);
                        histories[person.Id].Add(change);
                        response.Updated++;
                    }
                    continue;
                }
                if (MovedAway(onFile, histories, row, today) is { } moved)
                {
                    // A list made before a transfer took effect names the unit the person left: the same person, not a second one.
                    var transfer = histories[moved.Id].Last(c => c.Date <= today && c.UnitId != row.UnitId);
                    throw new PreconditionFailedException(
                        $"{row.Name} moved from this unit on {transfer.Date.ToChinese()} and serves elsewhere; the row is the same person and is not applied (record a change of post on the person)");
                }
                // Someone who served in the row's unit and left (there or after a transfer elsewhere) is the same person too.
                var left = onFile.Where(p => p.Name == row.Name && p.HasLeftBy(today) && histories[p.Id].Any(c => c.UnitId == row.UnitId)).MaxBy(p => p.LeftOn);
                if (left is not null && !(row.TermStart >= left.LeftOn))
                {
                    // A leaver is appointed again only when the list says so: a term start on or after the day they left.
                    throw new ValidationException("term_start",
                        $"{row.Name} left this unit on {left.LeftOn!.Value.ToChinese()}; to appoint them again, give 任职时间 (term_start) on or after that day");
                }
                var (created, appointed) = Domain.Person.Appoint(row.UnitId, row.Name, row.Post, row.TermStart ?? today, stamp);
                db.People.Add(created);
                db.PersonChanges.Add(appointed);
                onFile.Add(created);
                histories[created.Id] = [appointed];
                response.Created++;
            }
            catch (Exception e) when (e is ValidationException or PreconditionFailedException)
            {
                // The term and history rules live in the domain; a row that breaks them is reported like any bad row.
                var problem = e is ValidationException invalid ? string.Join("；", invalid.Violations.Select(v => $"{v.Field}: {v.Description}")) : e.Message;
                response.Problems.Add(new PeopleImportProblem { Line = row.Line, Text = row.Text, Problem = problem });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }

    /// <summary>The records checked into valid rows and the problems of the others, without touching the database.</summary>
    internal static (List<PersonRow> Rows, List<PeopleImportProblem> Problems) Parse(IReadOnlyList<CsvRow> records, IReadOnlyDictionary<string, Guid> unitByName, DateOnly today)
    {
        var nonBlank = records.Where(r => !r.Fields.All(string.IsNullOrWhiteSpace)).ToList();
        if (nonBlank.Count == 0)
        {
            throw new ValidationException("content", "holds no rows");
        }
        var header = nonBlank[0].Fields.Select(h => h.Trim()).ToList();
        // A column named twice (two 姓名) would silently read one of them: the list is refused naming it.
        var twice = header.Where(h => Columns.Any(names => names.Contains(h, StringComparer.OrdinalIgnoreCase)))
            .GroupBy(h => Array.FindIndex(Columns, names => names.Contains(h, StringComparer.OrdinalIgnoreCase))).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ValidationException("content", $"the first row names the column {Columns[twice.Key][0]} twice ({string.Join(", ", twice)}); keep one");
        }
        var index = Columns.Select(names => header.FindIndex(h => names.Contains(h, StringComparer.OrdinalIgnoreCase))).ToArray();
        if (index[0] < 0 || index[1] < 0 || index[2] < 0 || index[3] < 0)
        {
            throw new ValidationException("content", "the first row must name the columns; 单位 (unit), 姓名 (name), 职务 (position) and 岗位类别 (post_kind) are required");
        }
        var rows = new List<PersonRow>();
        var problems = new List<PeopleImportProblem>();
        var seen = new HashSet<(Guid, string)>();
        foreach (var (line, fields, badData) in nonBlank.Skip(1))
        {
            var text = string.Join(",", fields);
            if (badData is not null)
            {
                problems.Add(new PeopleImportProblem { Line = line, Text = text, Problem = $"content: {badData} (a quote without its pair: quote the whole field or remove the quote)" });
                continue;
            }
            // The decoder keeps going on bytes it cannot read (U+FFFD) and reads GBK's user-defined area as private use:
            // a name stored that way is lost, so the row is refused instead.
            if (fields.Any(f => f.Any(c => c == '\uFFFD' || c is >= '\uE000' and <= '\uF8FF')))
            {
                problems.Add(new PeopleImportProblem { Line = line, Text = text, Problem = "content: holds characters that cannot be read as UTF-8 or GBK; save the file as UTF-8 (CSV UTF-8) and import it again" });
                continue;
            }
            string Cell(int column) => index[column] >= 0 && index[column] < fields.Count ? fields[index[column]].Trim() : string.Empty;
            var validator = new RequestValidator();
            var unitName = validator.Required("unit", Cell(0), 200);
            var unitId = Guid.Empty;
            if (unitName.Length > 0 && !unitByName.TryGetValue(unitName, out unitId))
            {
                validator.Add("unit", $"'{unitName}' is not a unit of this node");
            }
            var name = PersonFieldRules.Name(validator, "name", Cell(1));
            var position = PersonFieldRules.Position(validator, "position", Cell(2));
            var postKind = validator.OneOf("post_kind", Cell(3), PersonFieldRules.PostKinds);
            var rank = PersonFieldRules.Rank(validator, "rank", Cell(4));
            var termStart = PersonFieldRules.OptionalDate(validator, "term_start", Cell(5));
            var termEnd = PersonFieldRules.OptionalDate(validator, "term_end", Cell(6));
            AssessmentDates.Announced(validator, "term_start", termStart, today, AssessmentDates.EarliestTerm);
            AssessmentDates.TermEnd(validator, "term_end", termEnd, today);
            if (!validator.IsValid)
            {
                problems.Add(new PeopleImportProblem { Line = line, Text = text, Problem = string.Join("；", validator.Violations.Select(v => $"{v.Field}: {v.Description}")) });
                continue;
            }
            if (!seen.Add((unitId, name)))
            {
                problems.Add(new PeopleImportProblem { Line = line, Text = text, Problem = "name: 同一单位姓名重复 (the list names this person in this unit twice)" });
                continue;
            }
            rows.Add(new PersonRow(line, text, unitId, name, new PostHeld(position, postKind, rank, termEnd), termStart, index[4] >= 0, index[6] >= 0));
        }
        return (rows, problems);
    }

    /// <summary>
    /// The identity rule of a re-import: the row names the person of that name who has not left (or whose leaving lies
    /// ahead) and who belongs to the row's unit today or is recorded to move to it (a transfer dated ahead). A list made
    /// before or after a transfer takes effect so finds the same person, never a second one.
    /// </summary>
    private static Domain.Person? Serving(List<Domain.Person> onFile, Dictionary<Guid, List<Domain.PersonChange>> histories, PersonRow row, DateOnly today) =>
        onFile.FirstOrDefault(p => p.Name == row.Name && !p.HasLeftBy(today)
            && (p.UnitId == row.UnitId || PersonTimeline.UnitOn(histories[p.Id], today) == row.UnitId));

    /// <summary>
    /// A serving person of the row's name who was in the row's unit and has moved to another since (the transfer in
    /// effect today): a list made before the transfer names them under the unit they left.
    /// </summary>
    private static Domain.Person? MovedAway(List<Domain.Person> onFile, Dictionary<Guid, List<Domain.PersonChange>> histories, PersonRow row, DateOnly today) =>
        onFile.FirstOrDefault(p => p.Name == row.Name && !p.HasLeftBy(today)
            && PersonTimeline.UnitOn(histories[p.Id], today) != row.UnitId && histories[p.Id].Any(c => c.UnitId == row.UnitId && c.Date <= today));

    /// <summary>The row's post for the person on file: null when it holds what is on file for that unit.</summary>
    private static Domain.PersonChange? Update(Domain.Person person, List<Domain.PersonChange> history, PersonRow row, DateOnly today, Audit stamp)
    {
        if (person.UnitId != row.UnitId)
        {
            // The list names the unit the person is in today while a transfer elsewhere is recorded ahead: it is read
            // against the post held today, and a different post there would be a change before the transfer.
            var held = PersonTimeline.InEffect(history, today) ?? history[0];
            if (held.Position == row.Post.Position && held.PostKind == row.Post.PostKind && (!row.HasRank || held.Rank == row.Post.Rank))
            {
                return null;
            }
            var transfer = history[^1];
            throw new ValidationException("unit", $"{row.Name} is recorded to move to another unit on {transfer.Date.ToChinese()}; record a change of post before it on the person, not by import");
        }
        var post = row.Post with
        {
            Rank = row.HasRank ? row.Post.Rank : person.Rank,
            TermEnd = row.HasTermEnd ? row.Post.TermEnd : person.TermEnd,
        };
        if (post == new PostHeld(person.Position, person.PostKind, person.Rank, person.TermEnd))
        {
            return null;
        }
        var date = row.TermStart is { } start && start > person.TermStart ? start : today;
        PersonTimeline.RequireInOrder(history, date, "term_start");
        return person.Update(post, date, "导入更新", stamp);
    }
}
