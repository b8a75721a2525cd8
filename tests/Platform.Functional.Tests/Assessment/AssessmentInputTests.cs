using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Platform.Assessment.Module.Features.SubmitDutyReport;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Assessment.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>
/// What a user or an attacker may send that assessment must refuse by name: files over the limit (the limit the
/// user meets is the one the error names, over gRPC and REST), dates in the future or out of order, unknown
/// choices, bad base64, files that are neither CSV nor Excel; and what it must show: the unit's name on the
/// dashboard by unit, the rare characters of a GB18030 list.
/// </summary>
public sealed class AssessmentInputTests(AssessmentNode node) : IClassFixture<AssessmentNode>
{
    private const int MiB = 1024 * 1024;

    private QualificationService.QualificationServiceClient Qualification => new(node.CreateGrpcChannel());

    private EvaluationService.EvaluationServiceClient Evaluation => new(node.CreateGrpcChannel());

    private static string Today(int days = 0) => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(days).ToString("yyyy-MM-dd");

    private static byte[] Pdf(int size)
    {
        var bytes = new byte[size];
        "%PDF-1.7\n"u8.CopyTo(bytes);
        Array.Fill(bytes, (byte)' ', 9, size - 9);
        return bytes;
    }

    private HttpClient Http(string token)
    {
        var http = node.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(AssessmentUnit Unit, RosterEntry Entry)> EntryAsync(string unitName)
    {
        var unit = await node.UnitAsync(unitName, regionCode: "320600");
        await node.AppointAsync(unit, "李明", "department_head");
        var campaign = await node.Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = "2026年度述法", Year = 2026, Kind = "annual", Duties = { new Duty { Level = "city", PostKind = "department_head" } },
        }, node.Clerk);
        await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        var entry = (await node.Assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, UnitId = unit.Id }, node.Clerk)).Entries.Single();
        return (unit, entry);
    }

    [Fact]
    public void The_attachment_limit_fits_a_request_as_base64_with_the_longest_text()
    {
        Assert.True(DutyReportAttachmentOptions.MaxFitting * 4L / 3 + 50_000 * 6 + 64 * 1024 <= ProtoJsonBody.MaxBytes);
        Assert.True(new DutyReportAttachmentOptions().MaxBytes <= DutyReportAttachmentOptions.MaxFitting);
    }

    [Fact]
    public async Task A_file_over_the_attachment_limit_is_refused_by_that_limit_over_grpc_and_rest()
    {
        var (unit, entry) = await EntryAsync("南通市生态环境局");
        var limit = new DutyReportAttachmentOptions().MaxBytes;
        var tooLarge = Pdf((int)limit + 1);

        var request = new SubmitDutyReportRequest { EntryId = entry.Id, Form = "书面", Text = "述法报告" };
        request.Attachments.Add(new NewDutyReportFile { FileName = "述法报告.pdf", Content = ByteString.CopyFrom(tooLarge) });
        var overGrpc = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.SubmitDutyReportAsync(request, node.LiaisonOf(unit.Id)).ResponseAsync);
        SliceScenario.AssertBadRequest(overGrpc, "attachments[0].content");
        Assert.Contains($"at most {limit} bytes", overGrpc.Status.Detail);

        using var http = Http(node.Tokens.Liaison(Guid.Parse(unit.Id), "liaison-rest"));
        using var overRest = await http.PostAsync($"/api/assessment/v1/roster/{entry.Id}:submit", Json(
            $$"""{"form":"书面","text":"述法报告","attachments":[{"fileName":"述法报告.pdf","content":"{{Convert.ToBase64String(tooLarge)}}"}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, overRest.StatusCode);
        var body = await overRest.Content.ReadAsStringAsync();
        Assert.Contains("attachments[0].content", body);
        Assert.Contains($"at most {limit} bytes", body);

        // Files each under the limit but over it together: the report's limit, named.
        var together = new SubmitDutyReportRequest { EntryId = entry.Id, Form = "书面", Text = "述法报告" };
        together.Attachments.Add(new NewDutyReportFile { FileName = "一.pdf", Content = ByteString.CopyFrom(Pdf(6 * MiB)) });
        together.Attachments.Add(new NewDutyReportFile { FileName = "二.pdf", Content = ByteString.CopyFrom(Pdf(6 * MiB)) });
        var both = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.SubmitDutyReportAsync(together, node.LiaisonOf(unit.Id)).ResponseAsync);
        SliceScenario.AssertBadRequest(both, "attachments");
        Assert.Contains($"at most {limit} bytes", both.Status.Detail);

        // A file at the limit goes through, over REST too (base64 of 10 MiB is under the 16 MiB body cap).
        using var atLimit = await http.PostAsync($"/api/assessment/v1/roster/{entry.Id}:submit", Json(
            $$"""{"form":"书面","text":"述法报告","attachments":[{"fileName":"述法报告.pdf","content":"{{Convert.ToBase64String(Pdf((int)limit))}}"}]}"""));
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
    }

    [Fact]
    public async Task Bad_base64_in_an_upload_names_the_field()
    {
        using var http = Http(node.Tokens.OfficeStaff());
        using var response = await http.PostAsync("/api/assessment/v1/people:import", Json("""{"content":"这不是base64!!","fileName":"人员.csv"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"content\"", body);
        Assert.Contains("base64", body);
        // URL-safe and unpadded base64 are base64 too.
        var csv = Convert.ToBase64String(Encoding.UTF8.GetBytes("单位,姓名,职务,岗位类别\n")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var urlSafe = await http.PostAsync("/api/assessment/v1/people:import", Json($$"""{"content":"{{csv}}","fileName":"人员.csv"}"""));
        Assert.DoesNotContain("base64", await urlSafe.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Dates_in_the_future_or_out_of_order_are_refused_by_field()
    {
        var unit = await node.UnitAsync("南通市应急管理局", regionCode: "320600");
        var other = await node.UnitAsync("南通市交通运输局", regionCode: "320600");
        async Task Refused(Func<Task> call, string field) => SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(call), field);

        // Appointments may be announced up to a year ahead, not to 2099.
        await Refused(() => node.AppointAsync(unit, "赵将任", "department_head", termStart: "2099-01-01"), "term_start");
        var ahead = await node.AppointAsync(unit, "钱待任", "department_head", termStart: Today(30));
        Assert.Equal(Today(30), ahead.TermStart);
        var officer = await node.AppointAsync(unit, "孙执法", "enforcement_officer");
        await Refused(() => node.Assessment.ChangePersonAsync(
            new ChangePersonRequest { PersonId = officer.Id, Change = "transfer", UnitId = other.Id, Date = "2099-06-01" }, node.Clerk).ResponseAsync, "date");

        // What took place is not after today.
        await Refused(() => Qualification.RecordExamResultAsync(
            new RecordExamResultRequest { PersonId = officer.Id, Kind = "annual", TakenOn = "2099-05-01", Score = 90 }, node.Clerk).ResponseAsync, "taken_on");
        await Refused(() => Qualification.RecordTrainingClassAsync(new RecordTrainingClassRequest
        {
            Title = "行政执法培训班", StartsOn = "2099-03-01", Hours = 16, Attendance = { new TrainingAttendance { PersonId = officer.Id, Attended = true } },
        }, node.Clerk).ResponseAsync, "starts_on");
        await Qualification.RecordExamResultAsync(new RecordExamResultRequest { PersonId = officer.Id, Kind = "annual", TakenOn = "2026-01-10", Score = 90 }, node.Clerk);
        await Refused(() => Qualification.IssueCredentialAsync(
            new IssueCredentialRequest { PersonId = officer.Id, Number = "苏执2099-1", IssuedOn = "2099-01-01", ExpiresOn = "2100-01-01" }, node.Clerk).ResponseAsync, "issued_on");
        await Refused(() => Qualification.IssueCredentialAsync(
            new IssueCredentialRequest { PersonId = officer.Id, Number = "苏执2026-1", IssuedOn = "2026-02-01", ExpiresOn = "2026-01-31" }, node.Clerk).ResponseAsync, "expires_on");
        await Refused(() => Qualification.IssueCredentialAsync(
            new IssueCredentialRequest { PersonId = officer.Id, Number = "苏执2026-1", IssuedOn = "2026-02-01", ExpiresOn = "2099-12-31" }, node.Clerk).ResponseAsync, "expires_on");

        var credential = await Qualification.IssueCredentialAsync(
            new IssueCredentialRequest { PersonId = officer.Id, Number = "苏执2026-" + SliceScenario.UniqueName(""), IssuedOn = "2026-02-01", ExpiresOn = "2029-01-31" }, node.Clerk);
        await Refused(() => Qualification.RevokeCredentialAsync(
            new RevokeCredentialRequest { CredentialId = credential.Id, On = "2026-01-15", Reason = "违法执法" }, node.Clerk).ResponseAsync, "on");
        await Refused(() => Qualification.RevokeCredentialAsync(
            new RevokeCredentialRequest { CredentialId = credential.Id, On = "2099-01-15", Reason = "违法执法" }, node.Clerk).ResponseAsync, "on");
        await Refused(() => Qualification.SuspendCredentialAsync(
            new SuspendCredentialRequest { CredentialId = credential.Id, From = "2026-01-01", Until = "2026-03-01", Reason = "停职" }, node.Clerk).ResponseAsync, "from");
        await Refused(() => Qualification.SuspendCredentialAsync(
            new SuspendCredentialRequest { CredentialId = credential.Id, From = "2026-05-01", Until = "2026-04-01", Reason = "停职" }, node.Clerk).ResponseAsync, "until");
        // Nothing of it was kept.
        var kept = await Qualification.SuspendCredentialAsync(
            new SuspendCredentialRequest { CredentialId = credential.Id, From = "2026-05-01", Until = "2026-05-31", Reason = "停职" }, node.Clerk);
        Assert.Single(kept.Suspensions);

        // An imported row with a term start in 2099 is reported by line and field, the others are imported.
        var csv = "单位,姓名,职务,岗位类别,任职时间\n" + $"{unit.Name},周远,科员,执法人员,2099-01-01\n" + $"{unit.Name},吴近,科员,执法人员,2025-01-01\n";
        var imported = await node.Assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFromUtf8(csv), FileName = "人员.csv" }, node.Clerk);
        Assert.Equal(1, imported.Created);
        var problem = Assert.Single(imported.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("term_start", problem.Problem);
    }

    [Fact]
    public async Task Unknown_choices_are_refused_with_the_allowed_values()
    {
        var kind = await Assert.ThrowsAsync<RpcException>(() => Evaluation.RankUnitsAsync(new RankUnitsRequest { Year = 2026, Kind = "ministry" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(kind, "kind");
        Assert.Contains("government, department", kind.Status.Detail);

        var (_, entry) = await EntryAsync("南通市水利局");
        var status = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.ListRosterAsync(
            new ListRosterRequest { CampaignId = entry.CampaignId, Status = "late" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(status, "status");
        Assert.Contains("missing, due", status.Status.Detail);

        using var http = Http(node.Tokens.OfficeStaff());
        using var rest = await http.GetAsync("/api/assessment/v1/scores/2026/rankings?kind=ministry");
        Assert.Equal(HttpStatusCode.BadRequest, rest.StatusCode);
        Assert.Contains("government, department", await rest.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_import_that_is_neither_csv_nor_excel_names_the_field()
    {
        async Task<RpcException> Import(byte[] content, string fileName) => await Assert.ThrowsAsync<RpcException>(() =>
            node.Assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFrom(content), FileName = fileName }, node.Clerk).ResponseAsync);
        var csv = Encoding.UTF8.GetBytes("单位,姓名,职务,岗位类别\n");

        SliceScenario.AssertBadRequest(await Import(csv, "人员.pdf"), "file_name");
        SliceScenario.AssertBadRequest(await Import(csv, ""), "file_name");
        var xls = await Import([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "人员.xls");
        SliceScenario.AssertBadRequest(xls, "file_name");
        Assert.Contains(".xlsx", xls.Status.Detail);
        SliceScenario.AssertBadRequest(await Import(Pdf(200), "人员.csv"), "content");
        SliceScenario.AssertBadRequest(await Import([0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0], "人员.csv"), "content");
    }

    [Fact]
    public async Task A_gb18030_list_imports_rare_and_traditional_characters()
    {
        var unit = await node.UnitAsync("南通市民政局", regionCode: "320600");
        var gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;
        // 𠮷 and 䶮 are not in GBK; 張偉 and 臺灣 are Traditional characters GBK holds.
        var names = "单位,姓名,职务,岗位类别\n" + $"{unit.Name},李𠮷,科员,执法人员\n" + $"{unit.Name},龚䶮,科员,执法人员\n" + $"{unit.Name},張偉,科员,执法人员\n"
            + $"{unit.Name},林臺灣,科员,执法人员\n";
        var bytes = gb18030.GetBytes(names).ToList();
        // A damaged byte (0xFF is never part of GB18030) is still refused, not stored garbled.
        bytes.AddRange(gb18030.GetBytes($"{unit.Name},王"));
        bytes.Add(0xFF);
        bytes.AddRange(gb18030.GetBytes(",科员,执法人员\n"));
        var read = await node.Assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFrom([.. bytes]), FileName = "人员.csv" }, node.Clerk);

        Assert.Equal(4, read.Created);
        Assert.Equal([6], read.Problems.Select(p => p.Line));
        var people = (await node.Assessment.ListPeopleAsync(new ListPeopleRequest { UnitId = unit.Id }, node.Clerk)).People.Select(p => p.Name);
        Assert.Equal(["張偉", "李𠮷", "林臺灣", "龚䶮"], people.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_dashboard_by_unit_labels_each_row_with_the_unit_name()
    {
        var (unit, entry) = await EntryAsync("南通市审计局");
        var byUnit = await node.Assessment.GetCampaignDashboardAsync(new GetCampaignDashboardRequest { CampaignId = entry.CampaignId, GroupBy = "unit" }, node.Observer);
        var row = byUnit.Rows.Single(r => r.Key == unit.Id);
        Assert.Equal((unit.Name, 1), (row.Label, row.Due));
    }

    [Fact]
    public async Task Dates_before_their_earliest_plausible_day_or_a_term_end_years_ahead_are_refused_naming_the_field()
    {
        var unit = await node.UnitAsync("射阳县司法局", regionCode: "320924");
        var far = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.CreatePersonAsync(new CreatePersonRequest
        {
            UnitId = unit.Id, Name = "古远", Position = "局长", PostKind = "department_head", Rank = "正科级", TermStart = "0001-01-01", TermEnd = "9999-12-31",
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(far, "term_start", "term_end");
        Assert.Contains("1980年1月1日", far.Status.Detail);

        var person = await node.AppointAsync(unit, "今时", "enforcement_officer");
        var change = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.ChangePersonAsync(
            new ChangePersonRequest { PersonId = person.Id, Change = "update", Date = "1900-05-20", Rank = "一级主任科员" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(change, "date");

        // A study session of 1900 could never be listed (the year lists start in 2000): refused when recorded.
        var session = await Assert.ThrowsAsync<RpcException>(() => Qualification.RecordStudySessionAsync(
            new RecordStudySessionRequest { UnitId = unit.Id, Date = "1900-05-20", Topic = "学习《宪法》", Kind = "lecture" }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(session, "date");
        Assert.Contains("2000年1月1日", session.Status.Detail);
        var exam = await Assert.ThrowsAsync<RpcException>(() => Qualification.RecordExamResultAsync(
            new RecordExamResultRequest { PersonId = person.Id, Kind = "annual", TakenOn = "1999-12-31", Score = 90 }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(exam, "taken_on");
        var empty = await Assert.ThrowsAsync<RpcException>(() => Qualification.RecordStudySessionAsync(
            new RecordStudySessionRequest { UnitId = unit.Id, Topic = "学习《宪法》", Kind = "lecture" }, node.Clerk).ResponseAsync);
        // A date not given is refused as such, once, not also as too early.
        SliceScenario.AssertBadRequest(empty, "date");
        Assert.DoesNotContain("earliest", empty.Status.Detail);
    }

    [Fact]
    public async Task Duty_list_lines_no_one_can_ever_match_are_refused_naming_the_line_and_field()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = "2026年度述法（清单核对）", Year = 2026, Kind = "annual",
            Duties =
            {
                new Duty { Level = "county", PostKind = "department_head" },
                new Duty { Level = "township", PostKind = "department_head" },
                new Duty { Level = "county", PostKind = "township_head" },
                new Duty { Level = "", PostKind = "department_head" },
            },
        }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(refused, "duties[1].post_kind", "duties[2].post_kind", "duties[3].level");
        Assert.Contains("line 2 of the duty list can never match anyone", refused.Status.Detail);
        Assert.Contains("line 3 of the duty list can never match anyone", refused.Status.Detail);
    }

    private static string Chinese(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    [Fact]
    public async Task A_duty_report_in_a_year_not_begun_or_for_someone_not_yet_in_the_unit_is_refused_saying_so()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var unit = await node.UnitAsync("滨海县司法局", regionCode: "320922");
        var head = await node.AppointAsync(unit, "钱进", "department_head");
        var (_, entry) = await node.CountyHeadEntryAsync(unit, head, $"{today.Year + 1}年度述法（提前）", today.Year + 1);
        var notBegun = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.SubmitDutyReportAsync(
            new SubmitDutyReportRequest { EntryId = entry.Id, Form = "书面", Text = "述法报告" }, node.LiaisonOf(unit.Id)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, notBegun.StatusCode);
        Assert.Contains($"a year not begun; its duty reports are submitted from {today.Year + 1}年1月1日", notBegun.Status.Detail);

        // Someone whose transfer into the unit takes effect in a few days is on the roster of the year under it, but the
        // unit reports for them only once they serve there.
        var from = await node.UnitAsync("阜宁县司法局", regionCode: "320923");
        var joining = await node.AppointAsync(from, "孙来", "department_head");
        var joins = today.AddDays(3);
        await node.Assessment.ChangePersonAsync(new ChangePersonRequest
        {
            PersonId = joining.Id, Change = "transfer", UnitId = unit.Id, Date = joins.ToString("yyyy-MM-dd"),
        }, node.Clerk);
        var (_, joiningEntry) = await node.CountyHeadEntryAsync(unit, joining, $"{joins.Year}年度述法（调入）", joins.Year);
        var notYet = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.SubmitDutyReportAsync(
            new SubmitDutyReportRequest { EntryId = joiningEntry.Id, Form = "书面", Text = "述法报告" }, node.LiaisonOf(unit.Id)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, notYet.StatusCode);
        Assert.Contains(joins.Year == today.Year ? $"孙来 serves in the unit from {Chinese(joins)}" : "a year not begun", notYet.Status.Detail);
    }
    [Fact]
    public async Task Refusals_use_the_words_of_the_api_and_name_the_field()
    {
        var unit = await node.UnitAsync("响水县司法局", regionCode: "320921");
        var other = await node.UnitAsync("建湖县司法局", regionCode: "320925");
        var head = await node.AppointAsync(unit, "李言", "department_head");
        var (_, entry) = await node.CountyHeadEntryAsync(unit, head, "2026年度述法（措辞）", 2026);
        await node.Assessment.SubmitDutyReportAsync(new SubmitDutyReportRequest { EntryId = entry.Id, Form = "书面", Text = "述法报告" }, node.LiaisonOf(unit.Id));
        await node.Assessment.ReviewDutyReportAsync(new ReviewDutyReportRequest { EntryId = entry.Id, Decision = "send_back", Comment = "请补充" }, node.Clerk);

        // The status as the API writes it (sent_back), not the store's word.
        var again = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.ReviewDutyReportAsync(
            new ReviewDutyReportRequest { EntryId = entry.Id, Decision = "rate", Rating = "good" }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Contains("李言's report is sent_back; only a submitted report is reviewed", again.Status.Detail);

        // Another unit's list: the refusal names the field and says what the unit may see.
        var appeals = await Assert.ThrowsAsync<RpcException>(() => Evaluation.ListAppealsAsync(
            new ListAppealsRequest { Year = 2026, UnitId = other.Id }, node.LiaisonOf(unit.Id)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, appeals.StatusCode);
        Assert.Contains($"unit_id {other.Id} is another unit's", appeals.Status.Detail);
        Assert.DoesNotContain("people", appeals.Status.Detail);

        // No passed exam: as the issue's other refusals, with the field, the Chinese terms and dates.
        var officer = await node.AppointAsync(unit, "周证", "enforcement_officer");
        var noExam = await Assert.ThrowsAsync<RpcException>(() => Qualification.IssueCredentialAsync(new IssueCredentialRequest
        {
            PersonId = officer.Id, Number = "苏执2026-W001", IssuedOn = "2026-10-01", ExpiresOn = "2029-09-30",
        }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, noExam.StatusCode);
        Assert.Contains("周证 has no passed law exam (法律考试) taken between 2025年10月1日 and issued_on 2026年10月1日; no exam, no credential (执法证).", noExam.Status.Detail);

        // A stray quote in a list row: the problem names the field it concerns.
        var csv = "单位,姓名,职务,岗位类别,职级\n" + $"{unit.Name},王\"引,科长,执法人员,一级主任科员\n";
        var imported = await node.Assessment.ImportPeopleAsync(new ImportPeopleRequest { Content = ByteString.CopyFromUtf8(csv), FileName = "人员.csv" }, node.Clerk);
        Assert.StartsWith("content: 引号不成对", Assert.Single(imported.Problems).Problem);
    }
}
