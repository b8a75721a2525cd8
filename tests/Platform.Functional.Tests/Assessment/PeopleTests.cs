using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Platform.BuildingBlocks.Documents.Spreadsheets;
using Platform.Contracts.Assessment.V1;
using Platform.Contracts.Planning.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>People of the node's units: appointment, change of post, transfer and leave with history; import from CSV and .xlsx.</summary>
public sealed class PeopleTests(AssessmentNode node) : IClassFixture<AssessmentNode>
{
    private static readonly Encoding Gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;

    private Task<Person> AppointAsync(AssessmentUnit unit, string name, string postKind = "department_head", string termStart = "2024-03-01") =>
        node.Assessment.CreatePersonAsync(new CreatePersonRequest
        {
            UnitId = unit.Id, Name = name, Position = "局长", PostKind = postKind, Rank = "正处级", TermStart = termStart,
        }, node.Clerk).ResponseAsync;

    /// <summary>A day ahead of today in China, as the wire writes dates.</summary>
    private static string DaysAhead(int days) =>
        DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task<Person> ChangeAsync(ChangePersonRequest request) => node.Assessment.ChangePersonAsync(request, node.Clerk).ResponseAsync;

    [Fact]
    public async Task A_transfer_dated_ahead_leaves_the_person_with_their_unit_until_its_date()
    {
        var county = await node.UnitAsync("海门区司法局", regionCode: "320614");
        var city = await node.UnitAsync("南通市人民政府", regionCode: "320600", kind: "government");
        var person = await AppointAsync(county, "何平");
        var date = DaysAhead(30);
        var changed = await ChangeAsync(new ChangePersonRequest
        {
            PersonId = person.Id, Change = "transfer", Date = date, UnitId = city.Id, Position = "副市长", PostKind = "team_member",
        });

        // Today the person holds the county post; the transfer is on file, in the history, for its date.
        Assert.Equal((county.Id, "局长", "department_head", "active"), (changed.UnitId, changed.Position, changed.PostKind, changed.Status));
        Assert.Equal(("transferred", date, city.Id), (changed.History[^1].Kind, changed.History[^1].Date, changed.History[^1].UnitId));

        // The county's liaison still reads the person and their dossier; the city's does not, before the date.
        var dossiers = new DossierService.DossierServiceClient(node.CreateGrpcChannel());
        Assert.Equal(person.Id, (await node.Assessment.GetPersonAsync(new GetPersonRequest { PersonId = person.Id }, node.LiaisonOf(county.Id))).Id);
        Assert.Equal(county.Id, (await dossiers.GetDossierAsync(new GetDossierRequest { PersonId = person.Id }, node.LiaisonOf(county.Id))).Person.UnitId);
        Assert.Equal([person.Id], (await node.Assessment.ListPeopleAsync(new ListPeopleRequest(), node.LiaisonOf(county.Id))).People.Select(p => p.Id));
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => node.Assessment.GetPersonAsync(
            new GetPersonRequest { PersonId = person.Id }, node.LiaisonOf(city.Id)).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => dossiers.GetDossierAsync(
            new GetDossierRequest { PersonId = person.Id }, node.LiaisonOf(city.Id)).ResponseAsync)).StatusCode);
        Assert.Empty((await node.Assessment.ListPeopleAsync(new ListPeopleRequest(), node.LiaisonOf(city.Id))).People);
    }

    [Fact]
    public async Task A_change_dated_before_later_ones_takes_its_place_and_the_later_ones_are_replayed_on_it()
    {
        var unit = await node.UnitAsync("海门区人民政府", regionCode: "320614", kind: "government");
        var other = await node.UnitAsync("启东市人民政府", regionCode: "320681", kind: "government");
        var person = await AppointAsync(unit, "严明");
        await ChangeAsync(new ChangePersonRequest { PersonId = person.Id, Change = "update", Date = "2025-05-01", Rank = "二级巡视员" });

        // A transfer dated before the update: the update (a new rank) now happened in the new unit, on the new post.
        var transferred = await ChangeAsync(new ChangePersonRequest
        {
            PersonId = person.Id, Change = "transfer", Date = "2025-03-01", UnitId = other.Id, Position = "副市长", PostKind = "team_member",
        });
        Assert.Equal(["appointed", "transferred", "updated"], transferred.History.Select(h => h.Kind));
        Assert.Equal(("2025-03-01", other.Id, unit.Id), (transferred.History[1].Date, transferred.History[1].UnitId, transferred.History[1].PreviousUnitId));
        Assert.Equal(("2025-05-01", other.Id, "副市长", "team_member", "二级巡视员"),
            (transferred.History[2].Date, transferred.History[2].UnitId, transferred.History[2].Position, transferred.History[2].PostKind, transferred.History[2].Rank));
        Assert.Equal((other.Id, "副市长", "二级巡视员", "2025-03-01"), (transferred.UnitId, transferred.Position, transferred.Rank, transferred.TermStart));

        // Leaving stays the last change: one dated before a later change is refused naming it.
        var leaveBefore = await Assert.ThrowsAsync<RpcException>(() => ChangeAsync(new ChangePersonRequest { PersonId = person.Id, Change = "leave", Date = "2025-04-01" }));
        SliceScenario.AssertBadRequest(leaveBefore, "date");
        Assert.Contains("2025年5月1日", leaveBefore.Status.Detail);

        // A leaving recorded ahead: an update dated today comes before it, and the leaving keeps the new rank.
        var leaveOn = DaysAhead(10);
        var leaving = await ChangeAsync(new ChangePersonRequest { PersonId = person.Id, Change = "leave", Date = leaveOn });
        Assert.Equal(("active", "left", leaveOn), (leaving.Status, leaving.History[^1].Kind, leaving.History[^1].Date));
        var updated = await ChangeAsync(new ChangePersonRequest { PersonId = person.Id, Change = "update", Rank = "一级巡视员" });
        Assert.Equal(["appointed", "transferred", "updated", "updated", "left"], updated.History.Select(h => h.Kind));
        Assert.Equal(("一级巡视员", leaveOn), (updated.History[^1].Rank, updated.History[^1].Date));
        var stored = await node.Assessment.GetPersonAsync(new GetPersonRequest { PersonId = person.Id }, node.Clerk);
        Assert.Equal(updated.History.Select(h => (h.Kind, h.Date, h.UnitId, h.Rank)), stored.History.Select(h => (h.Kind, h.Date, h.UnitId, h.Rank)));
    }

    [Fact]
    public async Task A_list_import_dated_today_does_not_block_a_post_change_dated_earlier()
    {
        var unit = await node.UnitAsync("如东县司法局", regionCode: "320623");
        var person = await AppointAsync(unit, "葛新");
        var csv = "单位,姓名,职务,岗位类别,职级,任职时间\n" + $"{unit.Name},葛新,局长,部门主要负责人,一级调研员,2024-03-01\n";
        var imported = await node.Assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFromUtf8(csv), FileName = "人员.csv" }, node.Clerk);
        Assert.Equal((0, 1), (imported.Created, imported.Updated));

        // The appointment of a new post took effect three weeks ago, before the import: it is recorded in its place.
        var earlier = DaysAhead(-21);
        var changed = await ChangeAsync(new ChangePersonRequest { PersonId = person.Id, Change = "update", Date = earlier, Position = "党组书记、局长" });
        Assert.Equal(["appointed", "updated", "updated"], changed.History.Select(h => h.Kind));
        Assert.Equal((earlier, "党组书记、局长", "正处级"), (changed.History[1].Date, changed.History[1].Position, changed.History[1].Rank));
        // The import changed the rank only: it keeps it, now on the new post.
        Assert.Equal(("党组书记、局长", "一级调研员"), (changed.History[2].Position, changed.History[2].Rank));
        Assert.Equal(("党组书记、局长", "一级调研员"), (changed.Position, changed.Rank));
    }

    [Fact]
    public async Task Appointments_of_the_same_name_at_once_make_one_person()
    {
        var unit = await node.UnitAsync("如东县交通运输局", regionCode: "320623");
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await AppointAsync(unit, "同名");
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.All(outcomes.Where(o => o != StatusCode.OK), o => Assert.Equal(StatusCode.AlreadyExists, o));
        Assert.Single((await node.Assessment.ListPeopleAsync(new ListPeopleRequest { UnitId = unit.Id }, node.Clerk)).People);
    }

    [Fact]
    public async Task A_re_import_during_a_transfer_dated_ahead_finds_the_same_person_and_a_leaver_needs_a_term_start()
    {
        var county = await node.UnitAsync("如皋市人民政府", regionCode: "320682", kind: "government");
        var city = await node.UnitAsync("南通市发展和改革委员会", regionCode: "320600");
        var moving = await AppointAsync(county, "陶然");
        await ChangeAsync(new ChangePersonRequest { PersonId = moving.Id, Change = "transfer", Date = DaysAhead(20), UnitId = city.Id, Position = "主任" });
        var leaver = await AppointAsync(county, "韩离");
        await ChangeAsync(new ChangePersonRequest { PersonId = leaver.Id, Change = "leave", Date = "2025-01-10" });

        // The county's list as it stands today, and the city's as it will stand: both name the same 陶然.
        var csv = "单位,姓名,职务,岗位类别,职级,任职时间,任期届满\n"
            + $"{county.Name},陶然,局长,部门主要负责人,正处级,2024-03-01,\n"
            + $"{city.Name},陶然,主任,部门主要负责人,正处级,,\n"
            + $"{county.Name},韩离,局长,部门主要负责人,正处级,,\n";
        var first = await node.Assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFromUtf8(csv), FileName = "人员.csv" }, node.Clerk);

        Assert.Equal((0, 0), (first.Created, first.Updated));
        var problem = Assert.Single(first.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("term_start", problem.Problem);
        Assert.Contains("2025年1月10日", problem.Problem);
        var listed = await node.Assessment.ListPeopleAsync(new ListPeopleRequest { UnitId = county.Id, IncludeLeft = true }, node.Clerk);
        Assert.Equal([moving.Id], listed.People.Where(p => p.Name == "陶然").Select(p => p.Id));

        // Appointed again only when the list gives a term start on or after the day they left.
        var again = "单位,姓名,职务,岗位类别,职级,任职时间\n" + $"{county.Name},韩离,副县长,班子成员,副处级,2025-06-01\n";
        var second = await node.Assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFromUtf8(again), FileName = "人员.csv" }, node.Clerk);
        Assert.Equal((1, 0), (second.Created, second.Updated));
        Assert.Empty(second.Problems);
    }

    [Fact]
    public async Task A_re_import_after_a_transfer_took_effect_matches_the_same_person_and_a_leaver_elsewhere_is_not_appointed_before_leaving()
    {
        var old = await node.UnitAsync("靖江市司法局", regionCode: "321282");
        var moved = await node.UnitAsync("泰州市司法局", regionCode: "321200");
        var zheng = await AppointAsync(old, "郑敏", termStart: "2024-04-01");
        await ChangeAsync(new ChangePersonRequest { PersonId = zheng.Id, Change = "transfer", Date = "2026-09-01", UnitId = moved.Id, Position = "副局长", PostKind = "team_member" });
        var he = await AppointAsync(old, "何英鹏", termStart: "2024-06-01");
        await ChangeAsync(new ChangePersonRequest { PersonId = he.Id, Change = "transfer", Date = "2026-11-20", UnitId = moved.Id, Position = "处长", PostKind = "department_head" });
        await ChangeAsync(new ChangePersonRequest { PersonId = he.Id, Change = "leave", Date = "2026-11-20" });

        // The list made before the transfers, imported again with a new rank.
        var csv = "单位,姓名,职务,岗位类别,职级,任职时间\n"
            + $"{old.Name},郑敏,局长,部门主要负责人,正处级（调整）,2024-04-01\n"
            + $"{old.Name},何英鹏,局长,部门主要负责人,正处级（调整）,2024-06-01\n";
        var imported = await node.Assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFromUtf8(csv), FileName = "人员.csv" }, node.Clerk);

        Assert.Equal((0, 0), (imported.Created, imported.Updated));
        Assert.Equal([2, 3], imported.Problems.Select(p => p.Line));
        Assert.Contains("moved from this unit on 2026年9月1日", imported.Problems[0].Problem);
        Assert.Contains("term_start", imported.Problems[1].Problem);
        var inOld = await node.Assessment.ListPeopleAsync(new ListPeopleRequest { UnitId = old.Id, IncludeLeft = true }, node.Clerk);
        Assert.DoesNotContain(inOld.People, p => p.Id != zheng.Id && p.Id != he.Id);
    }

    [Fact]
    public async Task A_list_naming_a_column_twice_is_refused_naming_it()
    {
        var unit = await node.UnitAsync("泰兴市司法局", regionCode: "321283");
        var csv = "单位,姓名,姓名,职务,岗位类别\n" + $"{unit.Name},王一,王二,局长,部门主要负责人\n";
        var refused = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.ImportPeopleAsync(
            new ImportPeopleRequest { Content = ByteString.CopyFromUtf8(csv), FileName = "人员.csv" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(refused, "content");
        Assert.Contains("姓名 twice", refused.Status.Detail);
    }

    [Fact]
    public async Task A_list_in_traditional_characters_imports()
    {
        var unit = await node.UnitAsync("資陽市司法局", regionCode: "512000");
        var csv = "單位,姓名,職務,崗位類別,職級,任職時間,任期屆滿\n"
            + $"{unit.Name},張偉,局長,部門主要負責人,正處級,2024-03-01,\n"
            + $"{unit.Name},劉芳,鎮長,鄉鎮（街道）主要負責人,正科級,2024-03-01,\n";
        var response = await node.Assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFromUtf8(csv), FileName = "人員.csv" }, node.Clerk);

        Assert.Empty(response.Problems);
        Assert.Equal(2, response.Created);
        var people = await node.Assessment.ListPeopleAsync(new ListPeopleRequest { UnitId = unit.Id }, node.Clerk);
        Assert.Equal([("劉芳", "township_head"), ("張偉", "department_head")], people.People.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (p.Name, p.PostKind)));
    }

    [Fact]
    public async Task A_unit_renamed_in_planning_is_renamed_in_assessment()
    {
        var unit = await node.UnitAsync("如东县司法局");
        var renamed = "如东县司法局（更名）" + SliceScenario.UniqueName("#");
        await node.Planning.ImportUnitsAsync(new ImportUnitsRequest
        {
            Content = ByteString.CopyFromUtf8($"名称,类型,行政区划代码\n{renamed},部门,320623\n"),
        }, node.Clerk);
        // The import makes a new unit (names are planning's key); it too reaches assessment.
        var seen = await Eventually.GetAsync(
            async () => (await node.Assessment.ListAssessmentUnitsAsync(new ListAssessmentUnitsRequest { PageSize = 500 }, node.Clerk)).Units.FirstOrDefault(u => u.Name == renamed),
            TimeSpan.FromSeconds(30), "the imported unit in assessment");
        Assert.Equal(("department", "320623"), (seen.Kind, seen.RegionCode));
        Assert.NotEqual(unit.Id, seen.Id);
    }

    [Fact]
    public async Task Appointment_change_transfer_and_leave_are_kept_in_the_history()
    {
        var bureau = await node.UnitAsync("南通市司法局");
        var county = await node.UnitAsync("海安市人民政府");
        var person = await AppointAsync(bureau, "李明");
        Assert.Equal(("department_head", "active", "2024-03-01"), (person.PostKind, person.Status, person.TermStart));

        await node.Assessment.ChangePersonAsync(new ChangePersonRequest
        {
            PersonId = person.Id, Change = "update", Date = "2025-01-10", Rank = "一级巡视员", Note = "职级晋升",
        }, node.Clerk);
        await node.Assessment.ChangePersonAsync(new ChangePersonRequest
        {
            PersonId = person.Id, Change = "transfer", Date = "2025-06-01", UnitId = county.Id, Position = "市长", PostKind = "party_government_head",
        }, node.Clerk);
        var left = await node.Assessment.ChangePersonAsync(new ChangePersonRequest { PersonId = person.Id, Change = "leave", Date = "2026-02-01" }, node.Clerk);

        // Leaving ends the term on its day.
        Assert.Equal(("left", county.Id, "party_government_head", "2025-06-01", "2026-02-01"), (left.Status, left.UnitId, left.PostKind, left.TermStart, left.TermEnd));
        Assert.Equal(["appointed", "updated", "transferred", "left"], left.History.Select(h => h.Kind));
        Assert.Equal(("一级巡视员", "职级晋升"), (left.History[1].Rank, left.History[1].Note));
        Assert.Equal((bureau.Id, county.Id, "市长"), (left.History[2].PreviousUnitId, left.History[2].UnitId, left.History[2].Position));

        // Gone from the unit's list unless asked; a second leave is refused.
        var listed = await node.Assessment.ListPeopleAsync(new ListPeopleRequest { UnitId = county.Id }, node.Clerk);
        Assert.Empty(listed.People);
        var withLeft = await node.Assessment.ListPeopleAsync(new ListPeopleRequest { UnitId = county.Id, IncludeLeft = true }, node.Clerk);
        Assert.Equal(person.Id, Assert.Single(withLeft.People).Id);
        var again = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.ChangePersonAsync(
            new ChangePersonRequest { PersonId = person.Id, Change = "leave" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }

    [Fact]
    public async Task Bad_fields_are_named()
    {
        var unit = await node.UnitAsync("启东市司法局");
        var badKind = await Assert.ThrowsAsync<RpcException>(() => AppointAsync(unit, "王芳", postKind: "boss"));
        SliceScenario.AssertBadRequest(badKind, "post_kind");

        var unknownUnit = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.CreatePersonAsync(new CreatePersonRequest
        {
            UnitId = Guid.NewGuid().ToString(), Name = "王芳", Position = "局长", PostKind = "department_head",
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(unknownUnit, "unit_id");

        var endBeforeStart = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.CreatePersonAsync(new CreatePersonRequest
        {
            UnitId = unit.Id, Name = "王芳", Position = "局长", PostKind = "department_head", TermStart = "2026-01-01", TermEnd = "2025-01-01",
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(endBeforeStart, "term_end");

        var person = await AppointAsync(unit, "王芳");
        var sameUnit = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.ChangePersonAsync(
            new ChangePersonRequest { PersonId = person.Id, Change = "transfer", UnitId = unit.Id }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(sameUnit, "unit_id");
        var nothing = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.ChangePersonAsync(
            new ChangePersonRequest { PersonId = person.Id, Change = "update" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(nothing, "change");
        var duplicate = await Assert.ThrowsAsync<RpcException>(() => AppointAsync(unit, "王芳"));
        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);
    }

    [Fact]
    public async Task A_unit_reads_its_own_people_only()
    {
        var own = await node.UnitAsync("通州区司法局");
        var other = await node.UnitAsync("如皋市司法局");
        var mine = await AppointAsync(own, "赵强");
        var theirs = await AppointAsync(other, "钱伟");

        var listed = await node.Assessment.ListPeopleAsync(new ListPeopleRequest(), node.LiaisonOf(own.Id));
        Assert.Equal([mine.Id], listed.People.Select(p => p.Id));
        var hidden = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.GetPersonAsync(
            new GetPersonRequest { PersonId = theirs.Id }, node.LiaisonOf(own.Id)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        var observed = await node.Assessment.GetPersonAsync(new GetPersonRequest { PersonId = theirs.Id }, node.Observer);
        Assert.Equal("钱伟", observed.Name);
    }

    [Fact]
    public async Task A_gbk_csv_imports_reports_bad_rows_by_line_and_a_second_import_updates()
    {
        var unit = await node.UnitAsync("崇川区人民政府", shortName: "崇川区政府" + SliceScenario.UniqueName("#"));
        var csv = "单位,姓名,职务,岗位类别,职级,任职时间,任期届满\n"
            + $"{unit.Name},周军,区长,党政主要负责人,正处级,2023-01-15,2028-01-14\n"
            + $"{unit.Name},吴敏,副区长,班子成员,副处级,2023/2/1,\n"
            + $"不存在的单位,郑华,局长,部门主要负责人,正处级,2023-01-01,\n"
            + $"{unit.Name},王磊,街道办主任,乡镇(街道)主要负责人,正科级,2023-13-01,\n"
            + $"{unit.Name},冯刚,队员,保安,,,\n"
            + $"{unit.Name},周军,区长,党政主要负责人,正处级,2023-01-15,\n";
        var gbk = Gbk.GetBytes(csv);
        var first = await node.Assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFrom(gbk), FileName = "人员.csv" }, node.Clerk);

        Assert.Equal((2, 0), (first.Created, first.Updated));
        Assert.Equal([4, 5, 6, 7], first.Problems.Select(p => p.Line));
        Assert.Contains("unit", first.Problems[0].Problem);
        Assert.Contains("term_start", first.Problems[1].Problem);
        Assert.Contains("post_kind", first.Problems[2].Problem);
        Assert.Contains("重复", first.Problems[3].Problem);

        // The same list a year on: one promoted, one unchanged, one new (by short name).
        var second = "单位,姓名,职务,岗位类别,职级,任职时间,任期届满\n"
            + $"{unit.Name},周军,区委书记,党政主要负责人,正处级,2023-01-15,2028-01-14\n"
            + $"{unit.Name},吴敏,副区长,班子成员,副处级,2023-02-01,\n"
            + $"{(await node.Planning.ListUnitsAsync(new ListUnitsRequest { Query = unit.Name }, node.Clerk)).Units.Single().ShortName},陈静,副区长,班子成员,副处级,2024-05-01,\n";
        var again = await node.Assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFromUtf8(second), FileName = "人员.csv" }, node.Clerk);
        Assert.Equal((1, 1), (again.Created, again.Updated));
        Assert.Empty(again.Problems);

        var people = (await node.Assessment.ListPeopleAsync(new ListPeopleRequest { UnitId = unit.Id }, node.Clerk)).People;
        Assert.Equal(["吴敏", "周军", "陈静"], people.Select(p => p.Name).Order(StringComparer.Ordinal));
        var zhou = await node.Assessment.GetPersonAsync(new GetPersonRequest { PersonId = people.Single(p => p.Name == "周军").Id }, node.Clerk);
        Assert.Equal(("区委书记", "2028-01-14"), (zhou.Position, zhou.TermEnd));
        Assert.Equal(["appointed", "updated"], zhou.History.Select(h => h.Kind));
    }

    [Fact]
    public async Task An_xlsx_imports_with_excel_dates_and_row_numbers()
    {
        var unit = await node.UnitAsync("海门区人民政府");
        WorkbookColumn[] columns = [new("单位", 30), new("姓名", 10), new("职务", 10), new("岗位类别", 20), new("任职时间", 12)];
        var sheet = new WorkbookSheet("人员", columns,
        [
            [WorkbookCell.Plain(unit.Name), WorkbookCell.Plain("孙丽"), WorkbookCell.Plain("科长"), WorkbookCell.Plain("执法人员"), WorkbookCell.Number(45292)],
            [WorkbookCell.Plain(unit.Name), WorkbookCell.Plain(""), WorkbookCell.Plain("科员"), WorkbookCell.Plain("执法人员"), WorkbookCell.Number(45292)],
        ]);
        var response = await node.Assessment.ImportPeopleAsync(new ImportPeopleRequest
        {
            Content = ByteString.CopyFrom(WorkbookWriter.ToBytes([sheet])), FileName = "执法人员.xlsx",
        }, node.Clerk);

        Assert.Equal(1, response.Created);
        var problem = Assert.Single(response.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("name", problem.Problem);
        var person = (await node.Assessment.ListPeopleAsync(new ListPeopleRequest { UnitId = unit.Id }, node.Clerk)).People.Single();
        // Excel day 45292 is 2024-01-01.
        Assert.Equal(("enforcement_officer", "2024-01-01"), (person.PostKind, person.TermStart));

        var notWorkbook = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.ImportPeopleAsync(new ImportPeopleRequest
        {
            Content = ByteString.CopyFromUtf8("单位,姓名\n"), FileName = "人员.xlsx",
        }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, notWorkbook.StatusCode);
    }

    [Fact]
    public async Task A_list_without_the_rank_or_term_end_column_keeps_them_and_an_unreadable_name_is_refused()
    {
        var unit = await node.UnitAsync("通州区人民政府");
        var first = "单位,姓名,职务,岗位类别,职级,任职时间,任期届满\n" + $"{unit.Name},钱伟,区长,党政主要负责人,正处级,2023-01-15,2028-01-14\n";
        await node.Assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFrom(Gbk.GetBytes(first)), FileName = "人员.csv" }, node.Clerk);

        // The organisation department's short list: no rank, no term end. Nothing on file is cleared.
        var shortList = "单位,姓名,职务,岗位类别\n" + $"{unit.Name},钱伟,区委书记,党政主要负责人\n";
        var again = await node.Assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFromUtf8(shortList), FileName = "人员.csv" }, node.Clerk);
        Assert.Equal(1, again.Updated);
        var qian = (await node.Assessment.ListPeopleAsync(new ListPeopleRequest { UnitId = unit.Id }, node.Clerk)).People.Single();
        Assert.Equal(("区委书记", "正处级", "2028-01-14"), (qian.Position, qian.Rank, qian.TermEnd));

        // A list is read as GB18030, GBK's superset: 䶮 and 𠮷 import (AssessmentInputTests); a byte no encoding reads is refused, not stored garbled.
        var names = "单位,姓名,职务,岗位类别\n" + $"{unit.Name},張偉,科员,执法人员\n";
        byte[] bad = [.. Gbk.GetBytes(names), .. Gbk.GetBytes($"{unit.Name},李"), 0xFF, .. Gbk.GetBytes(",科员,执法人员\n")];
        var read = await node.Assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFrom(bad), FileName = "人员.csv" }, node.Clerk);
        Assert.Equal(1, read.Created);
        Assert.Equal([3], read.Problems.Select(p => p.Line));
        Assert.All(read.Problems, p => Assert.Contains("UTF-8", p.Problem));
    }
}
