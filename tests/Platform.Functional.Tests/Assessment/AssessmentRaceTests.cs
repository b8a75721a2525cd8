using Google.Protobuf;
using Grpc.Core;
using Platform.Contracts.Assessment.V1;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>
/// Lost updates: parallel decisions on one appeal, suspensions and revocations of one credential, submissions and
/// reviews of one duty report. Where the calls exclude each other exactly one wins; the others are told the state changed
/// (FailedPrecondition when they read it after the winner saved, Aborted when both read the same state), and the store
/// holds the winner's. Where they do not (suspensions of different periods), every call answered OK is on file.
/// </summary>
public sealed class AssessmentRaceTests(AssessmentNode node) : IClassFixture<AssessmentNode>
{
    private static readonly StatusCode[] Lost = [StatusCode.FailedPrecondition, StatusCode.Aborted];

    private EvaluationService.EvaluationServiceClient Evaluation => new(node.CreateGrpcChannel());

    private QualificationService.QualificationServiceClient Qualification => new(node.CreateGrpcChannel());

    private DossierService.DossierServiceClient Dossiers => new(node.CreateGrpcChannel());

    /// <summary>Version <paramref name="n"/> of a report, with a 4 MiB PDF named after it.</summary>
    private static SubmitDutyReportRequest Report(string entryId, int n)
    {
        var request = new SubmitDutyReportRequest { EntryId = entryId, Form = "书面", Text = $"版本{n}：认真履行推进法治建设第一责任人职责。" };
        var pdf = new byte[4 * 1024 * 1024];
        "%PDF-1.7\n"u8.CopyTo(pdf);
        "\n%%EOF"u8.CopyTo(pdf.AsSpan(pdf.Length - 6));
        request.Attachments.Add(new NewDutyReportFile { FileName = $"v{n}.pdf", Content = ByteString.CopyFrom(pdf) });
        return request;
    }

    /// <summary>A county department head's due entry in a new campaign of 2026.</summary>
    private async Task<(AssessmentUnit Unit, Campaign Campaign, RosterEntry Entry)> DueReportAsync(string unitName, string regionCode, string person, string title)
    {
        var unit = await node.UnitAsync(unitName, regionCode: regionCode);
        var head = await node.AppointAsync(unit, person, "department_head");
        var campaign = await node.Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = title, Year = 2026, Kind = "annual",
            Duties = { new Duty { Level = "county", PostKind = "department_head" } },
        }, node.Clerk);
        await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        var entry = (await node.Assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, UnitId = unit.Id }, node.Clerk)).Entries
            .Single(e => e.PersonId == head.Id);
        return (unit, campaign, entry);
    }

    /// <summary>Runs the calls at once: the index of the one that succeeded with its answer; the others lost the race.</summary>
    private static async Task<(int Winner, T Answer)> OneWinsAsync<T>(params Func<Task<T>>[] calls)
    {
        var winners = await SomeWinAsync(calls);
        Assert.Single(winners);
        return winners[0];
    }

    /// <summary>
    /// Runs the calls at once where more than one may succeed (calls that happen not to overlap each see the other's
    /// change): the index and answer of each that succeeded, at least one; every other lost the race.
    /// </summary>
    private static async Task<IReadOnlyList<(int Winner, T Answer)>> SomeWinAsync<T>(params Func<Task<T>>[] calls)
    {
        var outcomes = await Task.WhenAll(calls.Select(async call =>
        {
            try
            {
                return (Answer: await call(), Code: StatusCode.OK);
            }
            catch (RpcException e)
            {
                return (Answer: default(T), Code: e.StatusCode);
            }
        }));
        Assert.All(outcomes.Where(o => o.Code != StatusCode.OK), o => Assert.Contains(o.Code, Lost));
        var winners = outcomes.Select((o, i) => (Index: i, o.Answer, o.Code)).Where(o => o.Code == StatusCode.OK).Select(o => (o.Index, o.Answer!)).ToList();
        Assert.NotEmpty(winners);
        return winners;
    }

    [Fact]
    public async Task Of_decisions_made_at_once_on_one_appeal_one_is_kept_whole()
    {
        const int year = 2033;
        await node.SetOneLeafTreeAsync(year);
        var unit = await node.UnitAsync("己县司法局", regionCode: "320624");
        var appeal = await Evaluation.FileAppealAsync(new FileAppealRequest { Year = year, UnitId = unit.Id, IndicatorCode = "1.1", Reason = "评分有误" }, node.LiaisonOf(unit.Id));
        DecideAppealRequest[] decisions =
        [
            new() { AppealId = appeal.Id, Decision = "upheld", Adjustment = 5, Comment = "加5" },
            new() { AppealId = appeal.Id, Decision = "rejected", Comment = "驳回" },
            new() { AppealId = appeal.Id, Decision = "upheld", Adjustment = 2, Comment = "加2" },
        ];

        var (winner, _) = await OneWinsAsync([.. decisions.Select(d => (Func<Task<Appeal>>)(() => Evaluation.DecideAppealAsync(d, node.Clerk).ResponseAsync))]);

        var stored = (await Evaluation.ListAppealsAsync(new ListAppealsRequest { Year = year, UnitId = unit.Id }, node.Clerk)).Appeals.Single(a => a.Id == appeal.Id);
        var expected = decisions[winner];
        Assert.Equal((expected.Decision, expected.Adjustment, expected.Comment), (stored.Status, stored.Adjustment, stored.Comment));
    }

    [Fact]
    public async Task Suspensions_made_at_once_are_all_kept_or_refused_and_a_revocation_racing_one_loses_neither()
    {
        var unit = await node.UnitAsync("崇川区市场监督管理局", regionCode: "320613");
        var officer = await node.AppointAsync(unit, "郑执法", "enforcement_officer");
        await Qualification.RecordExamResultAsync(new RecordExamResultRequest { PersonId = officer.Id, Kind = "annual", TakenOn = "2026-09-01", Score = 90 }, node.Clerk);
        var credential = await Qualification.IssueCredentialAsync(
            new IssueCredentialRequest { PersonId = officer.Id, Number = "苏执2026-R001", IssuedOn = "2026-10-01", ExpiresOn = "2029-09-30" }, node.Clerk);
        (string From, string Until)[] periods = [("2026-11-03", "2026-11-04"), ("2026-11-10", "2026-11-11"), ("2026-11-20", "2026-11-21")];

        // Periods that do not overlap: a call that did not overlap another sees its change and succeeds too.
        var winners = await SomeWinAsync([.. periods.Select(p => (Func<Task<Credential>>)(() => Qualification.SuspendCredentialAsync(
            new SuspendCredentialRequest { CredentialId = credential.Id, From = p.From, Until = p.Until, Reason = "停职调查" + p.From }, node.Clerk).ResponseAsync))]);
        // Every suspension that was answered OK is on file (none lost to another), and may-enforce heeds it.
        foreach (var (winner, _) in winners)
        {
            var may = await Qualification.MayEnforceAsync(new MayEnforceRequest { PersonId = officer.Id, Date = periods[winner].From }, node.Clerk);
            Assert.False(may.MayEnforce);
        }
        var dossier = await Dossiers.GetDossierAsync(new GetDossierRequest { PersonId = officer.Id }, node.Clerk);
        Assert.Equal(winners.Select(w => periods[w.Winner].From).Order(), Assert.Single(dossier.Credentials).Suspensions.Select(s => s.From).Order());

        // A revocation and a suspension at once: each answered OK is on file, and a suspension is never saved over a
        // revocation it did not see. Both may succeed when the calls happen not to overlap: then the suspension came
        // first (the revocation's answer already carries it), as a suspension after a revocation is refused.
        var raced = await SomeWinAsync<Credential>(
            () => Qualification.RevokeCredentialAsync(new RevokeCredentialRequest { CredentialId = credential.Id, On = "2026-11-25", Reason = "吊销" }, node.Clerk).ResponseAsync,
            () => Qualification.SuspendCredentialAsync(new SuspendCredentialRequest { CredentialId = credential.Id, From = "2026-11-26", Reason = "再次停职" }, node.Clerk).ResponseAsync);
        var revocation = raced.Where(w => w.Winner == 0).Select(w => w.Answer).SingleOrDefault();
        var suspension = raced.Where(w => w.Winner == 1).Select(w => w.Answer).SingleOrDefault();
        var after = Assert.Single((await Dossiers.GetDossierAsync(new GetDossierRequest { PersonId = officer.Id }, node.Clerk)).Credentials);
        var summary = $"revocation {(revocation is null ? "refused" : "kept")}, suspension {(suspension is null ? "refused" : "kept")}; " +
            $"on file: revoked on '{after.RevokedOn}', suspensions from {string.Join(", ", after.Suspensions.Select(s => s.From))}";
        Assert.True(after.RevokedOn == (revocation is null ? string.Empty : "2026-11-25"), summary);
        Assert.True(after.Suspensions.Any(s => s.From == "2026-11-26") == suspension is not null, summary);
        if (revocation is not null && suspension is not null)
        {
            Assert.True(suspension.RevokedOn.Length == 0 && revocation.Suspensions.Any(s => s.From == "2026-11-26"), summary);
        }
    }

    [Fact]
    public async Task Of_credentials_issued_at_once_to_one_person_with_different_numbers_one_is_kept()
    {
        var unit = await node.UnitAsync("海门区市场监督管理局", regionCode: "320614");
        var officer = await node.AppointAsync(unit, "韩执法", "enforcement_officer");
        await Qualification.RecordExamResultAsync(new RecordExamResultRequest { PersonId = officer.Id, Kind = "annual", TakenOn = "2026-09-01", Score = 88 }, node.Clerk);

        // Each call passes the one-valid-credential check before any other is saved; the person's version lets one through.
        var (winner, answer) = await OneWinsAsync([.. Enumerable.Range(1, 5).Select(n => (Func<Task<Credential>>)(() => Qualification.IssueCredentialAsync(
            new IssueCredentialRequest { PersonId = officer.Id, Number = $"苏执2026-P00{n}", IssuedOn = "2026-10-01", ExpiresOn = "2029-09-30" }, node.Clerk).ResponseAsync))]);
        var dossier = await Dossiers.GetDossierAsync(new GetDossierRequest { PersonId = officer.Id }, node.Clerk);
        Assert.Equal($"苏执2026-P00{winner + 1}", Assert.Single(dossier.Credentials).Number);
        Assert.Equal(answer.Id, dossier.Credentials[0].Id);
    }

    [Fact]
    public async Task Of_submissions_and_reviews_made_at_once_on_one_report_one_is_kept_whole()
    {
        var (unit, campaign, entry) = await DueReportAsync("港闸区司法局", "320611", "褚刚", "2026年度述法（并发）");
        // Each version of the report carries a 4 MiB file: parallel submissions that all won would hold 16 MiB.
        SubmitDutyReportRequest Version(int n) => Report(entry.Id, n);

        var (won, answer) = await OneWinsAsync([.. Enumerable.Range(1, 4).Select(n => (Func<Task<RosterEntry>>)(() =>
            node.Assessment.SubmitDutyReportAsync(Version(n), node.LiaisonOf(unit.Id)).ResponseAsync))]);
        RosterEntry Stored() => node.Assessment.ListRoster(new ListRosterRequest { CampaignId = campaign.Id, UnitId = unit.Id }, node.Clerk).Entries.Single(e => e.Id == entry.Id);
        var stored = Stored();
        Assert.Equal(($"版本{won + 1}：认真履行推进法治建设第一责任人职责。", $"v{won + 1}.pdf"), (stored.Text, Assert.Single(stored.Attachments).FileName));
        Assert.Equal(answer.Text, stored.Text);

        // Two reviewers at once: one rating stands, the other is told.
        ReviewDutyReportRequest[] reviews =
        [
            new() { EntryId = entry.Id, Decision = "rate", Rating = "excellent" },
            new() { EntryId = entry.Id, Decision = "send_back", Comment = "请补充" },
            new() { EntryId = entry.Id, Decision = "rate", Rating = "poor" },
        ];
        var (reviewed, _) = await OneWinsAsync([.. reviews.Select(r => (Func<Task<RosterEntry>>)(() => node.Assessment.ReviewDutyReportAsync(r, node.Clerk).ResponseAsync))]);
        var afterReview = Stored();
        Assert.Equal(reviews[reviewed].Decision == "rate" ? ("reviewed", reviews[reviewed].Rating) : ("sent_back", string.Empty), (afterReview.Status, afterReview.Rating));
    }

    [Fact]
    public async Task A_report_sent_back_keeps_its_files_and_the_per_report_limit_counts_them()
    {
        var (unit, campaign, entry) = await DueReportAsync("通州区司法局", "320612", "卫强", "2026年度述法（附件上限）");
        SubmitDutyReportRequest Version(int n) => Report(entry.Id, n);
        Task SendBackAsync() => node.Assessment.ReviewDutyReportAsync(new ReviewDutyReportRequest { EntryId = entry.Id, Decision = "send_back", Comment = "再改" }, node.Clerk).ResponseAsync;

        // 4 MiB, sent back, another 4 MiB (8 MiB kept), sent back: a third 4 MiB would make 12 MiB of one report.
        await node.Assessment.SubmitDutyReportAsync(Version(1), node.LiaisonOf(unit.Id));
        await SendBackAsync();
        var second = await node.Assessment.SubmitDutyReportAsync(Version(2), node.LiaisonOf(unit.Id));
        Assert.Equal(["v1.pdf", "v2.pdf"], second.Attachments.Select(a => a.FileName).Order());
        await SendBackAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(() => node.Assessment.SubmitDutyReportAsync(Version(3), node.LiaisonOf(unit.Id)).ResponseAsync);
        Platform.Testing.SliceScenario.AssertBadRequest(refused, "attachments");
        Assert.Contains("the report keeps", refused.Status.Detail);
        var stored = (await node.Assessment.ListRosterAsync(new ListRosterRequest { CampaignId = campaign.Id, UnitId = unit.Id }, node.Clerk)).Entries.Single(e => e.Id == entry.Id);
        Assert.Equal(("sent_back", 2), (stored.Status, stored.Attachments.Count));
    }
}
