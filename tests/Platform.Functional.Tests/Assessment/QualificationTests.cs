using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Assessment.Module.Infrastructure;
using Platform.BuildingBlocks.Auth;
using Platform.Contracts.Assessment.V1;
using Platform.Contracts.Events.Assessment;
using Platform.Contracts.Notification.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>
/// Study and qualification: study sessions against the yearly minimums with a reminder through
/// notification, training classes, law exams, and enforcement credentials (no exam, no credential,
/// no enforcement) with suspension, revocation and the "may this person enforce on D" query.
/// </summary>
public sealed class QualificationTests(AssessmentNode node) : IClassFixture<AssessmentNode>
{
    private QualificationService.QualificationServiceClient Qualification => new(node.CreateGrpcChannel());

    private Task<StudySession> StudyAsync(AssessmentUnit unit, string date, string kind, Metadata? caller = null, params string[] attendees)
    {
        var request = new RecordStudySessionRequest { UnitId = unit.Id, Date = date, Topic = "学习《中华人民共和国行政复议法》", Kind = kind };
        request.AttendeeIds.AddRange(attendees);
        return Qualification.RecordStudySessionAsync(request, caller ?? node.Clerk).ResponseAsync;
    }

    /// <summary>MayEnforce over REST with an integrator's token (a node_operator service token), as an answer's JSON.</summary>
    private async Task<JsonElement> MayEnforceOverRestAsync(string personId, string date)
    {
        using var http = node.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/assessment/v1/people/{personId}/may-enforce?date={date}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.Issue("integrator-1", null, PlatformRoles.NodeOperator));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>An enforcement officer of a new unit with a passed test (2025-12-01) and a credential issued on 2026-01-01.</summary>
    private async Task<(Person Officer, Credential Credential)> OfficerWithCredentialAsync(string unitName, string regionCode, string name, string number)
    {
        var unit = await node.UnitAsync(unitName, regionCode: regionCode);
        var officer = await node.AppointAsync(unit, name, "enforcement_officer");
        await Qualification.RecordExamResultAsync(new RecordExamResultRequest { PersonId = officer.Id, Kind = "pre_appointment", TakenOn = "2025-12-01", Score = 90 }, node.Clerk);
        var credential = await Qualification.IssueCredentialAsync(
            new IssueCredentialRequest { PersonId = officer.Id, Number = number, IssuedOn = "2026-01-01", ExpiresOn = "2028-12-31" }, node.Clerk);
        return (officer, credential);
    }

    private Task<CheckStudyMinimumsResponse> CheckAsync(string asOf, bool remind) =>
        Qualification.CheckStudyMinimumsAsync(new CheckStudyMinimumsRequest { Year = 2025, AsOf = asOf, Remind = remind }, node.Clerk).ResponseAsync;

    [Fact]
    public async Task Attendance_is_checked_against_the_unit_a_person_was_in_on_the_sessions_day()
    {
        var county = await node.UnitAsync("海安市司法局", regionCode: "320621");
        var city = await node.UnitAsync("南通市司法局", regionCode: "320600");
        var moved = await node.AppointAsync(county, "孙调", "department_head");
        await node.Assessment.ChangePersonAsync(new ChangePersonRequest { PersonId = moved.Id, Change = "transfer", Date = "2025-06-01", UnitId = city.Id }, node.Clerk);
        var leaver = await node.AppointAsync(county, "钱离", "team_member");
        await node.Assessment.ChangePersonAsync(new ChangePersonRequest { PersonId = leaver.Id, Change = "leave", Date = "2025-03-01" }, node.Clerk);

        // Before the transfer the person was the county's: a county session of March counts them, a city one does not.
        Assert.Equal([moved.Id], (await StudyAsync(county, "2025-03-05", "lecture", null, moved.Id)).AttendeeIds);
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => StudyAsync(city, "2025-03-05", "lecture", null, moved.Id)), "attendee_ids[0]");
        Assert.Equal([moved.Id], (await StudyAsync(city, "2025-07-05", "lecture", null, moved.Id)).AttendeeIds);
        // Someone who left attends no session after the day they left.
        Assert.Equal([leaver.Id], (await StudyAsync(county, "2025-02-20", "lecture", null, leaver.Id)).AttendeeIds);
        var afterLeaving = await Assert.ThrowsAsync<RpcException>(() => StudyAsync(county, "2025-04-01", "lecture", null, leaver.Id));
        SliceScenario.AssertBadRequest(afterLeaving, "attendee_ids[0]");
        Assert.Contains("2025年4月1日", afterLeaving.Status.Detail);
    }

    [Fact]
    public async Task A_study_check_as_of_a_day_ahead_is_refused_and_reminds_nobody()
    {
        var government = await node.UnitAsync("海门区人民政府", regionCode: "320614", kind: "government");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var ahead = today.AddDays(2);
        var refused = await Assert.ThrowsAsync<RpcException>(() => Qualification.CheckStudyMinimumsAsync(
            new CheckStudyMinimumsRequest { Year = ahead.Year, AsOf = ahead.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Remind = true }, node.Clerk).ResponseAsync);
        SliceScenario.AssertBadRequest(refused, "as_of");
        await using var scope = node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDbContext>();
        Assert.False(await db.StudyReminders.AnyAsync(r => r.UnitId == Guid.Parse(government.Id)));
    }

    [Fact]
    public async Task Study_sessions_are_checked_against_the_minimums_and_a_unit_behind_is_reminded_once_per_step()
    {
        var government = await node.UnitAsync("如东县人民政府", regionCode: "320623", kind: "government");
        var department = await node.UnitAsync("如东县司法局", regionCode: "320623");
        var province = await node.UnitAsync("江苏省人民政府", regionCode: "320000", kind: "government");
        var mayor = await node.AppointAsync(government, "陈县长", "party_government_head");
        var stranger = await node.AppointAsync(department, "吴局长", "department_head");

        var first = await StudyAsync(government, "2025-02-10", "executive_meeting", node.LiaisonOf(government.Id), mayor.Id);
        Assert.Equal(("executive_meeting", "liaison-" + government.Id[..8]), (first.Kind, first.RecordedBy));
        Assert.Equal([mayor.Id], first.AttendeeIds);
        await StudyAsync(government, "2025-03-10", "theory_group"); // does not count toward a government's minimum
        await StudyAsync(department, "2025-05-01", "lecture");

        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => StudyAsync(government, "2025-04-01", "executive_meeting", null, stranger.Id)), "attendee_ids[0]");
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => StudyAsync(government, "2099-01-01", "chat")), "date", "kind");
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => StudyAsync(government, "2025-04-01", "lecture", node.LiaisonOf(department.Id)))).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => StudyAsync(government, "2025-04-01", "lecture", node.Observer))).StatusCode);

        // Mid-July: two quarters done, so a government should have held 2 of its 4, a department 1 of its 2.
        var july = await CheckAsync("2025-07-15", remind: true);
        var ofGovernment = july.Units.Single(u => u.UnitId == government.Id);
        Assert.Equal((4, "executive_meeting", 1, 2, true, true), (ofGovernment.Required, ofGovernment.Counts, ofGovernment.Held, ofGovernment.ExpectedByNow, ofGovernment.Behind, ofGovernment.Reminded));
        var ofDepartment = july.Units.Single(u => u.UnitId == department.Id);
        Assert.Equal((2, "any", 1, 1, false, false), (ofDepartment.Required, ofDepartment.Counts, ofDepartment.Held, ofDepartment.ExpectedByNow, ofDepartment.Behind, ofDepartment.Reminded));
        Assert.Equal((0, false), (july.Units.Single(u => u.UnitId == province.Id).Required, july.Units.Single(u => u.UnitId == province.Id).Behind));

        // The same step is not reminded twice; the next quarter's is.
        Assert.False((await CheckAsync("2025-08-01", remind: true)).Units.Single(u => u.UnitId == government.Id).Reminded);
        var october = (await CheckAsync("2025-10-08", remind: true)).Units.Single(u => u.UnitId == government.Id);
        Assert.Equal((3, true), (october.ExpectedByNow, october.Reminded));
        var yearEnd = (await CheckAsync("2026-01-05", remind: false)).Units.Single(u => u.UnitId == department.Id);
        Assert.Equal((2, true, false), (yearEnd.ExpectedByNow, yearEnd.Behind, yearEnd.Reminded));
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => Qualification.CheckStudyMinimumsAsync(
            new CheckStudyMinimumsRequest { Year = 2025 }, node.Observer).ResponseAsync)).StatusCode);

        await using (var scope = node.Services.CreateAsyncScope())
        {
            var behind = await OutboxEvents.AboutAsync<StudyBehind>(scope.ServiceProvider.GetRequiredService<AssessmentDbContext>(), Guid.Parse(government.Id));
            Assert.Equal([(2, 1, 4), (3, 1, 4)], behind.Select(b => (b.ExpectedByNow, b.Held, b.Required)));
        }
        // Notification turns each into a message to the unit's liaison.
        var notification = new NotificationService.NotificationServiceClient(node.CreateGrpcChannel());
        var inbox = await Eventually.GetAsync(
            async () =>
            {
                var messages = (await notification.ListInboxAsync(new ListInboxRequest { UnitId = government.Id, PageSize = 50 }, node.LiaisonOf(government.Id))).Messages;
                return messages.Count(m => m.Title.StartsWith("学法提醒", StringComparison.Ordinal)) == 2 ? messages : null;
            },
            TimeSpan.FromSeconds(30), "two study reminders in the government's inbox");
        Assert.All(inbox, m => Assert.Equal("liaison", m.Audience));
        Assert.Contains(inbox, m => m.Body.Contains("应不少于3次"));

        // A unit lists its own sessions; the sessions are study_sessions facts for a derived leaf.
        var listed = await Qualification.ListStudySessionsAsync(new ListStudySessionsRequest { Year = 2025 }, node.LiaisonOf(government.Id));
        Assert.Equal(["2025-02-10", "2025-03-10"], listed.Sessions.Select(s => s.Date));
        var evaluation = new EvaluationService.EvaluationServiceClient(node.CreateGrpcChannel());
        await evaluation.SetIndicatorSystemAsync(new SetIndicatorSystemRequest
        {
            Year = 2025, RoutineShare = 50, AnnualShare = 50,
            Indicators =
            {
                new Indicator { Code = "1", Name = "学法用法", Weight = 100 },
                new Indicator { Code = "1.1", ParentCode = "1", Name = "领导干部学法", Weight = 100, Scoring = "derived", Source = "study_sessions", Points = 25 },
            },
        }, node.Clerk);
        var score = await evaluation.GetUnitScoreAsync(new GetUnitScoreRequest { Year = 2025, UnitId = government.Id }, node.Clerk);
        Assert.Equal(50, score.Annual);
        Assert.Equal([(first.Id, "assessment.study_session", "2025-02-10")], score.Leaves[0].Points.Take(1).Select(p => (p.Events[0].EventId, p.Events[0].EventKind, p.Events[0].OccurredOn)));
    }

    [Fact]
    public async Task A_credential_needs_a_passed_exam_and_may_enforce_answers_for_a_day_through_suspension_expiry_and_revocation()
    {
        var unit = await node.UnitAsync("如东县市场监督管理局", regionCode: "320623");
        var officer = await node.AppointAsync(unit, "周执法", "enforcement_officer");
        Task<Credential> Issue(string number, string issued = "2025-05-01", string expires = "2028-04-30") => Qualification.IssueCredentialAsync(
            new IssueCredentialRequest { PersonId = officer.Id, Number = number, IssuedOn = issued, ExpiresOn = expires }, node.Clerk).ResponseAsync;
        Task<MayEnforceResponse> May(string date, Metadata? caller = null) =>
            Qualification.MayEnforceAsync(new MayEnforceRequest { PersonId = officer.Id, Date = date }, caller ?? node.Clerk).ResponseAsync;

        Assert.Equal((false, "no credential"), ((await May("2025-06-01")).MayEnforce, (await May("2025-06-01")).Reason));
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => Issue("苏执2025-0001"))).StatusCode);
        var failed = await Qualification.RecordExamResultAsync(new RecordExamResultRequest { PersonId = officer.Id, Kind = "annual", TakenOn = "2025-03-01", Score = 55 }, node.Clerk);
        Assert.Equal((false, 60.0), (failed.Passed, failed.PassMark));
        var noPass = await Assert.ThrowsAsync<RpcException>(() => Issue("苏执2025-0001"));
        Assert.Equal(StatusCode.FailedPrecondition, noPass.StatusCode);
        Assert.Contains("no exam, no credential", noPass.Status.Detail);
        var passed = await Qualification.RecordExamResultAsync(new RecordExamResultRequest { PersonId = officer.Id, Kind = "pre_appointment", TakenOn = "2025-04-01", Score = 82.5 }, node.Clerk);
        Assert.True(passed.Passed);
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => Qualification.RecordExamResultAsync(
            new RecordExamResultRequest { PersonId = officer.Id, Kind = "quiz", TakenOn = "2025-04-01", Score = 100.05 }, node.Clerk).ResponseAsync), "kind", "score");
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => Issue("苏执2025-0001", expires: "2025-04-30")), "expires_on");
        // A pass mark of 0 would pass a blank paper.
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => Qualification.RecordExamResultAsync(
            new RecordExamResultRequest { PersonId = officer.Id, Kind = "annual", TakenOn = "2025-04-01", Score = 0, PassMark = 0 }, node.Clerk).ResponseAsync), "pass_mark");

        var credential = await Issue("苏执2025-0001");
        Assert.Equal(("active", passed.Id, unit.Id), (credential.Status, credential.ExamId, credential.UnitId));
        Assert.Equal(StatusCode.AlreadyExists, (await Assert.ThrowsAsync<RpcException>(() => Issue("苏执2025-0001"))).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => Qualification.IssueCredentialAsync(
            new IssueCredentialRequest { PersonId = officer.Id, Number = "x", IssuedOn = "2025-05-01", ExpiresOn = "2026-05-01" }, node.LiaisonOf(unit.Id)).ResponseAsync)).StatusCode);

        Assert.Contains("valid from 2025-05-01", (await May("2025-04-15")).Reason);
        var valid = await May("2025-06-01", node.Observer);
        Assert.Equal((true, "苏执2025-0001"), (valid.MayEnforce, valid.CredentialNumber));
        Assert.Contains("expired on 2028-04-30", (await May("2028-05-01")).Reason);

        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => Qualification.SuspendCredentialAsync(
            new SuspendCredentialRequest { CredentialId = credential.Id, From = "2025-07-31", Until = "2025-07-01", Reason = "停职调查" }, node.Clerk).ResponseAsync), "until");
        var suspended = await Qualification.SuspendCredentialAsync(
            new SuspendCredentialRequest { CredentialId = credential.Id, From = "2025-07-01", Until = "2025-07-31", Reason = "涉嫌违规执法，停职调查" }, node.Clerk);
        // The status is the credential's on the day asked (today): the suspension is over, the credential in force again.
        Assert.Equal(("active", "2025-07-31"), (suspended.Status, suspended.SuspendedUntil));
        Assert.Equal("2025-07-01", Assert.Single(suspended.Suspensions).From);
        var during = await May("2025-07-15");
        Assert.False(during.MayEnforce);
        Assert.Contains("suspended from 2025-07-01 until 2025-07-31: 涉嫌违规执法，停职调查", during.Reason);
        Assert.True((await May("2025-08-01")).MayEnforce);
        await using (var scope = node.Services.CreateAsyncScope())
        {
            var sent = Assert.Single(await OutboxEvents.AboutAsync<CredentialSuspended>(scope.ServiceProvider.GetRequiredService<AssessmentDbContext>(), Guid.Parse(credential.Id)));
            Assert.Equal(("苏执2025-0001", new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31), Guid.Parse(officer.Id), "clerk"), (sent.Number, sent.From, sent.Until, sent.PersonId, sent.SuspendedBy));
        }

        await Qualification.RevokeCredentialAsync(new RevokeCredentialRequest { CredentialId = credential.Id, On = "2025-09-01", Reason = "严重违法执法" }, node.Clerk);
        Assert.True((await May("2025-08-15")).MayEnforce);
        Assert.Contains("revoked on 2025-09-01", (await May("2025-09-02")).Reason);
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => Qualification.RevokeCredentialAsync(
            new RevokeCredentialRequest { CredentialId = credential.Id, On = "2025-09-02", Reason = "再次" }, node.Clerk).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => Qualification.SuspendCredentialAsync(
            new SuspendCredentialRequest { CredentialId = credential.Id, From = "2025-10-01", Reason = "停职" }, node.Clerk).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => May("2025-06-01", SliceScenario.Bearer(node.Tokens.Issue("auditor-1", null, PlatformRoles.Auditor))))).StatusCode);

        // Over REST, as an integrator would ask.
        Assert.True((await MayEnforceOverRestAsync(officer.Id, "2025-06-01")).GetProperty("mayEnforce").GetBoolean());
    }

    [Fact]
    public async Task A_revocation_dated_ahead_leaves_the_credential_in_force_until_its_day()
    {
        var (officer, credential) = await OfficerWithCredentialAsync("启东市交通运输局", "320681", "孔执法", "苏执2026-0077");
        var on = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var revoked = await Qualification.RevokeCredentialAsync(new RevokeCredentialRequest { CredentialId = credential.Id, On = on, Reason = "调离执法岗位" }, node.Clerk);

        Assert.Equal(("active", on), (revoked.Status, revoked.RevokedOn));
        var dossier = await new DossierService.DossierServiceClient(node.CreateGrpcChannel()).GetDossierAsync(new GetDossierRequest { PersonId = officer.Id }, node.Clerk);
        Assert.Equal("active", Assert.Single(dossier.Credentials).Status);
    }

    [Fact]
    public async Task Credential_numbers_are_compared_normalised_and_a_person_holds_one_valid_credential_at_a_time()
    {
        var (officer, credential) = await OfficerWithCredentialAsync("如皋市司法局", "320682", "钱执法", "GS-0001");
        var unit = await node.UnitAsync("如皋市公安局", regionCode: "320682");
        var other = await node.AppointAsync(unit, "孙执法", "enforcement_officer");
        await Qualification.RecordExamResultAsync(new RecordExamResultRequest { PersonId = other.Id, Kind = "annual", TakenOn = "2025-12-01", Score = 80 }, node.Clerk);
        Task<Credential> Issue(Person person, string number) => Qualification.IssueCredentialAsync(
            new IssueCredentialRequest { PersonId = person.Id, Number = number, IssuedOn = "2026-01-02", ExpiresOn = "2028-12-31" }, node.Clerk).ResponseAsync;

        // Trimmed, case folded and full-width made half-width (NFKC), the number is GS-0001's.
        foreach (var same in new[] { " gs-0001 ", "ＧＳ－０００１", "Gs-0001" })
        {
            var clash = await Assert.ThrowsAsync<RpcException>(() => Issue(other, same));
            Assert.Equal(StatusCode.AlreadyExists, clash.StatusCode);
            Assert.Contains("GS-0001", clash.Status.Detail);
        }
        // A second credential while the first is valid is refused naming it; once revoked, a new one may be issued.
        var second = await Assert.ThrowsAsync<RpcException>(() => Issue(officer, "GS-0002"));
        Assert.Equal(StatusCode.FailedPrecondition, second.StatusCode);
        Assert.Contains("holds credential GS-0001", second.Status.Detail);
        await Qualification.RevokeCredentialAsync(new RevokeCredentialRequest { CredentialId = credential.Id, On = "2026-01-02", Reason = "换发新证" }, node.Clerk);
        Assert.Equal("GS-0002", (await Issue(officer, "GS-0002")).Number);
        // The revoked number stays taken, however it is typed.
        Assert.Equal(StatusCode.AlreadyExists, (await Assert.ThrowsAsync<RpcException>(() => Issue(other, "ｇｓ－０００１"))).StatusCode);
    }

    [Fact]
    public async Task A_credential_is_issued_only_to_a_person_serving_on_its_day_and_nobody_enforces_before_their_term()
    {
        var unit = await node.UnitAsync("通州区城市管理局", regionCode: "320612");
        var newcomer = await node.AppointAsync(unit, "冯执法", "enforcement_officer", termStart: "2026-12-20");
        await Qualification.RecordExamResultAsync(new RecordExamResultRequest { PersonId = newcomer.Id, Kind = "pre_appointment", TakenOn = "2026-11-01", Score = 90 }, node.Clerk);
        Task<Credential> Issue(string issuedOn) => Qualification.IssueCredentialAsync(
            new IssueCredentialRequest { PersonId = newcomer.Id, Number = "苏执" + SliceScenario.UniqueName("S6"), IssuedOn = issuedOn, ExpiresOn = "2029-11-30" }, node.Clerk).ResponseAsync;

        var early = await Assert.ThrowsAsync<RpcException>(() => Issue("2026-11-25"));
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("does not serve on issued_on", early.Status.Detail);
        var may = await Qualification.MayEnforceAsync(new MayEnforceRequest { PersonId = newcomer.Id, Date = "2026-12-01" }, node.Clerk);
        Assert.Equal((false, "not serving on 2026-12-01: the term starts on 2026-12-20"), (may.MayEnforce, may.Reason));
    }

    [Fact]
    public async Task An_exam_taken_after_the_person_left_is_refused()
    {
        var unit = await node.UnitAsync("通州区交通运输局", regionCode: "320612");
        var leaver = await node.AppointAsync(unit, "蒋执法", "enforcement_officer");
        await node.Assessment.ChangePersonAsync(new ChangePersonRequest { PersonId = leaver.Id, Change = "leave", Date = "2026-09-01" }, node.Clerk);
        var refused = await Assert.ThrowsAsync<RpcException>(() => Qualification.RecordExamResultAsync(
            new RecordExamResultRequest { PersonId = leaver.Id, Kind = "annual", TakenOn = "2026-10-01", Score = 90 }, node.Clerk).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("left on", refused.Status.Detail);
        Assert.True((await Qualification.RecordExamResultAsync(
            new RecordExamResultRequest { PersonId = leaver.Id, Kind = "annual", TakenOn = "2026-08-01", Score = 90 }, node.Clerk)).Passed);
    }

    [Fact]
    public async Task A_second_suspension_keeps_the_first_and_a_person_who_left_may_not_enforce()
    {
        var (officer, credential) = await OfficerWithCredentialAsync("海安市城市管理局", "320685", "吴执法", "苏执2026-0013");
        Task<MayEnforceResponse> May(string date) =>
            Qualification.MayEnforceAsync(new MayEnforceRequest { PersonId = officer.Id, Date = date }, node.Clerk).ResponseAsync;

        await Qualification.SuspendCredentialAsync(
            new SuspendCredentialRequest { CredentialId = credential.Id, From = "2026-03-01", Until = "2026-03-31", Reason = "停职调查" }, node.Clerk);
        var again = await Qualification.SuspendCredentialAsync(
            new SuspendCredentialRequest { CredentialId = credential.Id, From = "2026-05-01", Until = "2026-05-31", Reason = "暂扣执法证" }, node.Clerk);
        Assert.Equal(
            [("2026-03-01", "2026-03-31", "停职调查"), ("2026-05-01", "2026-05-31", "暂扣执法证")],
            again.Suspensions.Select(s => (s.From, s.Until, s.Reason)));
        // Both suspensions are over today: the status is the credential's today, the latest suspension is still shown.
        Assert.Equal(("active", "2026-05-01", "2026-05-31"), (again.Status, again.SuspendedFrom, again.SuspendedUntil));
        var march = await May("2026-03-15");
        Assert.False(march.MayEnforce);
        Assert.Contains("suspended from 2026-03-01 until 2026-03-31: 停职调查", march.Reason);
        Assert.True((await May("2026-04-15")).MayEnforce);
        var may = await May("2026-05-15");
        Assert.False(may.MayEnforce);
        Assert.Contains("suspended from 2026-05-01 until 2026-05-31: 暂扣执法证", may.Reason);
        Assert.True((await May("2026-06-01")).MayEnforce);
        await using (var scope = node.Services.CreateAsyncScope())
        {
            var credentialId = Guid.Parse(credential.Id);
            var stored = await scope.ServiceProvider.GetRequiredService<AssessmentDbContext>().Credentials.AsNoTracking().SingleAsync(c => c.Id == credentialId);
            Assert.Equal([new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 1)], stored.Suspensions.Select(s => s.From));
        }

        await node.Assessment.ChangePersonAsync(new ChangePersonRequest { PersonId = officer.Id, Change = "leave", Date = "2026-09-01" }, node.Clerk);
        Assert.True((await May("2026-08-31")).MayEnforce);
        Assert.Equal((false, "left on 2026-09-01"), ((await May("2026-09-01")).MayEnforce, (await May("2026-09-01")).Reason));

        // Over REST, as the reviewer asked.
        var body = await MayEnforceOverRestAsync(officer.Id, "2026-11-01");
        Assert.False(body.TryGetProperty("mayEnforce", out var mayEnforce) && mayEnforce.GetBoolean());
        Assert.Equal("left on 2026-09-01", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_training_class_records_who_attended_and_names_an_unknown_person()
    {
        var unit = await node.UnitAsync("如东县交通运输局", regionCode: "320623");
        var one = await node.AppointAsync(unit, "郑科长", "department_head");
        var two = await node.AppointAsync(unit, "王队长", "enforcement_officer");
        var request = new RecordTrainingClassRequest
        {
            Title = "2025年行政执法人员培训班", StartsOn = "2025-06-10", Hours = 16,
            Attendance = { new TrainingAttendance { PersonId = one.Id, Attended = true }, new TrainingAttendance { PersonId = Guid.NewGuid().ToString(), Attended = true } },
        };
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => Qualification.RecordTrainingClassAsync(request, node.Clerk).ResponseAsync), "attendance[1]");
        request.Attendance[1].PersonId = two.Id;
        request.Attendance[1].Attended = false;
        var training = await Qualification.RecordTrainingClassAsync(request, node.Clerk);
        Assert.Equal([(one.Id, true), (two.Id, false)], training.Attendance.Select(a => (a.PersonId, a.Attended)));
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => Qualification.RecordTrainingClassAsync(
            new RecordTrainingClassRequest { Title = "空", StartsOn = "2025-06-10", Hours = 0 }, node.Clerk).ResponseAsync), "hours", "attendance");
    }

    [Fact]
    public async Task Training_classes_are_listed_by_year_newest_first_a_page_at_a_time_and_a_unit_sees_its_own_peoples_classes()
    {
        var transport = await node.UnitAsync("海安市交通运输局", regionCode: "320621");
        var audit = await node.UnitAsync("海安市审计局", regionCode: "320621");
        var driver = await node.AppointAsync(transport, "孙科长", "department_head");
        var auditor = await node.AppointAsync(audit, "周科长", "department_head");
        async Task<TrainingClass> ClassAsync(string title, string startsOn, params (Person Person, bool Attended)[] attendance)
        {
            var request = new RecordTrainingClassRequest { Title = title, StartsOn = startsOn, Hours = 8 };
            request.Attendance.AddRange(attendance.Select(a => new TrainingAttendance { PersonId = a.Person.Id, Attended = a.Attended }));
            return await Qualification.RecordTrainingClassAsync(request, node.Clerk);
        }
        var spring = await ClassAsync("2024年春季行政执法培训班", "2024-04-10", (driver, true), (auditor, false));
        var summer = await ClassAsync("2024年审计法专题培训", "2024-07-01", (auditor, true));
        var autumn = await ClassAsync("2024年秋季行政执法培训班", "2024-10-15", (driver, false));

        // The office: the year's classes newest first, two a page, each with its whole attendance.
        var first = await Qualification.ListTrainingClassesAsync(new ListTrainingClassesRequest { Year = 2024, PageSize = 2 }, node.Clerk);
        Assert.Equal([autumn.Id, summer.Id], first.Classes.Select(c => c.Id));
        var second = await Qualification.ListTrainingClassesAsync(new ListTrainingClassesRequest { Year = 2024, PageSize = 2, PageToken = first.NextPageToken }, node.Clerk);
        Assert.Equal([spring.Id], second.Classes.Select(c => c.Id));
        Assert.Empty(second.NextPageToken);
        Assert.Equal([(driver.Id, true), (auditor.Id, false)], second.Classes[0].Attendance.Select(a => (a.PersonId, a.Attended)));
        Assert.Empty((await Qualification.ListTrainingClassesAsync(new ListTrainingClassesRequest { Year = 2023 }, node.Clerk)).Classes);

        // By unit: the classes its people were on, with only their attendance (a refusal to attend included), paged too.
        var audits = await Qualification.ListTrainingClassesAsync(new ListTrainingClassesRequest { Year = 2024, UnitId = audit.Id, PageSize = 1 }, node.Clerk);
        Assert.Equal([summer.Id], audits.Classes.Select(c => c.Id));
        var auditsNext = await Qualification.ListTrainingClassesAsync(
            new ListTrainingClassesRequest { Year = 2024, UnitId = audit.Id, PageSize = 1, PageToken = audits.NextPageToken }, node.Clerk);
        Assert.Equal([spring.Id], auditsNext.Classes.Select(c => c.Id));
        Assert.Equal([(auditor.Id, false)], auditsNext.Classes[0].Attendance.Select(a => (a.PersonId, a.Attended)));
        Assert.Empty(auditsNext.NextPageToken);

        // A unit's liaison sees its own people's classes only, and may not ask for another unit's.
        var own = await Qualification.ListTrainingClassesAsync(new ListTrainingClassesRequest { Year = 2024 }, node.LiaisonOf(transport.Id));
        Assert.Equal([autumn.Id, spring.Id], own.Classes.Select(c => c.Id));
        Assert.All(own.Classes, c => Assert.Equal([driver.Id], c.Attendance.Select(a => a.PersonId)));
        var refused = await Assert.ThrowsAsync<RpcException>(() => Qualification.ListTrainingClassesAsync(
            new ListTrainingClassesRequest { Year = 2024, UnitId = audit.Id }, node.LiaisonOf(transport.Id)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        SliceScenario.AssertBadRequest(await Assert.ThrowsAsync<RpcException>(() => Qualification.ListTrainingClassesAsync(
            new ListTrainingClassesRequest { Year = 2024, PageSize = 501, UnitId = "某局" }, node.Clerk).ResponseAsync), "page_size", "unit_id");

        // Over REST, as its neighbours.
        using var http = node.CreateClient();
        using var rest = new HttpRequestMessage(HttpMethod.Get, $"/api/assessment/v1/training-classes?year=2024&unitId={transport.Id}");
        rest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());
        using var response = await http.SendAsync(rest);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([autumn.Id, spring.Id], body.GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }
}
