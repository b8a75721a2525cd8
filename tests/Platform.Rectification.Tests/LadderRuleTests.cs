using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Kernel.Calendar;
using Platform.BuildingBlocks.Persistence;
using Platform.Rectification.Module.Domain;

namespace Platform.Rectification.Tests;

public sealed class LadderRuleTests
{
    private static readonly WorkingDayCalendar Calendar = new(CalendarLoader.LoadShipped());
    private static readonly Audit Stamp = new("clerk", new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero), "test-node");

    [Fact]
    public void The_ladder_has_seven_steps_from_reminder_to_referral()
    {
        var steps = LadderSteps.Defaults();
        Assert.Equal(["reminder", "urge", "supervision_letter", "interview", "listed_supervision", "public_criticism", "referral"], steps.Select(s => s.Code));
        Assert.Equal(Enumerable.Range(1, 7), steps.Select(s => s.Order));
        Assert.Equal(["提醒", "催办", "督办函", "约谈", "挂牌督办", "通报批评", "移送纪检监察"], steps.Select(s => s.ChineseName));
        Assert.Equal(steps.Select(s => s.ChineseName), steps.Select(s => LadderSteps.ChineseNameOf(s.Order)));
        // Thresholds rise with each step, so the evaluator proposes them in order.
        Assert.True(steps.Zip(steps.Skip(1)).All(pair => pair.First.OverdueWorkingDays < pair.Second.OverdueWorkingDays));
    }

    [Fact]
    public void Copies_follow_the_reading_in_adr_0007()
    {
        var copies = LadderSteps.Defaults().ToDictionary(s => s.Code, s => (s.CopyToDiscipline, s.CopyToOrganisation));
        Assert.Equal((false, false), copies["reminder"]);
        Assert.Equal((false, false), copies["urge"]);
        Assert.Equal((false, true), copies["supervision_letter"]);
        Assert.All(["interview", "listed_supervision", "public_criticism", "referral"], code => Assert.Equal((true, true), copies[code]));
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(9, 1, false)]
    [InlineData(10, 0, true)]
    [InlineData(0, 2, true)]
    [InlineData(3, 5, true)]
    public void A_step_is_due_when_either_configured_threshold_is_reached(int overdueDays, int sendBacks, bool due)
    {
        var letter = LadderSteps.Defaults().Single(s => s.Code == LadderSteps.SupervisionLetter);
        Assert.Equal(due, letter.IsDue(overdueDays, sendBacks));
    }

    [Fact]
    public void A_threshold_of_zero_switches_its_condition_off()
    {
        var step = LadderSteps.Defaults()[0];
        step.Reconfigure(0, 2, [PlatformRoles.OfficeStaff], false, false, Stamp);
        Assert.False(step.IsDue(500, 1));
        Assert.True(step.IsDue(0, 2));
        Assert.Equal("clerk", step.UpdatedBy);
    }

    [Fact]
    public void Only_the_configured_roles_may_apply_a_step()
    {
        var steps = LadderSteps.Defaults();
        var inspector = new PlatformUser("li", "li", "n", "320600", null, new HashSet<string> { PlatformRoles.Inspector });
        steps[0].RequireMayApply(inspector);
        steps[1].RequireMayApply(inspector);
        Assert.Throws<PermissionDeniedException>(() => steps[2].RequireMayApply(inspector));
        Assert.Throws<PermissionDeniedException>(() => steps[6].RequireMayApply(inspector));
    }

    [Fact]
    public void Steps_are_applied_one_at_a_time_and_once_each()
    {
        var steps = LadderSteps.Defaults();
        var item = NewItem();
        var skip = Assert.Throws<PreconditionFailedException>(() => item.Escalate(steps[1], "跳级", Stamp));
        Assert.Contains("reminder", skip.Message);
        Assert.True(item.Propose(1, "逾期"));
        Assert.False(item.Propose(1, "again"));
        item.Escalate(steps[0], "提醒", Stamp);
        Assert.Null(item.ProposedOrder);
        Assert.Throws<PreconditionFailedException>(() => item.Escalate(steps[0], "再提醒", Stamp));
        Assert.False(item.Propose(3, "越级"));
        foreach (var step in steps.Skip(1))
        {
            Assert.Equal(HistoryActions.Escalated, item.Escalate(step, "理由", Stamp).Action);
        }
        Assert.Equal(7, item.EscalationOrder);
        Assert.False(item.Propose(8, "beyond"));
        Assert.Contains("none", Assert.Throws<PreconditionFailedException>(() => item.Escalate(steps[6], "again", Stamp)).Message);
    }

    [Fact]
    public void Overdue_is_marked_once_per_deadline()
    {
        var item = NewItem();
        var deadline = item.Deadline;
        Assert.Null(item.MarkOverdueIfDue(deadline, Stamp));
        Assert.NotNull(item.MarkOverdueIfDue(deadline.AddDays(1), Stamp));
        Assert.Null(item.MarkOverdueIfDue(deadline.AddDays(2), Stamp));
        item.ApproveExtension(deadline.AddDays(30), "同意", Stamp);
        Assert.False(item.Overdue);
        Assert.NotNull(item.MarkOverdueIfDue(deadline.AddDays(31), Stamp));
    }

    [Fact]
    public void Illegal_transitions_name_the_current_and_allowed_states()
    {
        var item = NewItem();
        var error = Assert.Throws<PreconditionFailedException>(() => item.Verify("", new DateOnly(2026, 3, 3), Stamp));
        Assert.Contains("open", error.Message);
        Assert.Contains("completion_submitted", error.Message);
        item.SubmitPlan(["措施"], [], Stamp);
        Assert.Throws<PreconditionFailedException>(() => item.SubmitPlan(["措施"], [], Stamp));
        item.SubmitCompletion("完成", ["证据"], [], Stamp);
        item.SendBack("不到位", new DateOnly(2026, 6, 1), Stamp);
        Assert.Equal((ItemState.InProgress, 1), (item.State, item.SendBackCount));
        item.SubmitCompletion("完成", ["证据"], [], Stamp);
        item.Verify("", new DateOnly(2026, 6, 1), Stamp);
        Assert.Throws<PreconditionFailedException>(() => item.ReportProgress(10, "x", [], Stamp));
        item.LookBackFailed(Guid.CreateVersion7(), "反弹", new DateOnly(2026, 7, 1), Stamp);
        Assert.Equal((ItemState.InProgress, 1, (DateOnly?)null), (item.State, item.ReopenCount, item.ClosedOn));
    }

    [Fact]
    public void History_entries_are_numbered_in_order()
    {
        var (item, opened) = Open();
        var plan = item.SubmitPlan(["措施"], [], Stamp);
        var (progress, _) = item.ReportProgress(50, "一半", [], Stamp);
        Assert.Equal([1, 2, 3], new[] { opened, plan, progress }.Select(e => e.Sequence));
        Assert.All(new[] { opened, plan, progress }, e => Assert.Equal(item.Id, e.ItemId));
    }

    [Fact]
    public void Evidence_files_are_kept_on_the_item_and_named_in_the_completion_entry()
    {
        var item = NewItem();
        item.SubmitPlan(["措施"], [], Stamp);
        var (progress, photos) = item.ReportProgress(50, "一半", [new StoredEvidence("现场.png", "image/png", 10, new string('a', 64))], Stamp);
        Assert.Contains("现场.png", progress.Detail);
        var (completion, files) = item.SubmitCompletion("完成", ["制度文件"], [new StoredEvidence("整改报告.pdf", "application/pdf", 20, new string('b', 64))], Stamp);
        Assert.Contains("制度文件", completion.Detail);
        Assert.Contains("整改报告.pdf", completion.Detail);
        Assert.Equal(HistoryActions.CompletionSubmitted, Assert.Single(files).Report);
        item.SendBack("不到位", new DateOnly(2026, 6, 1), Stamp);
        Assert.Equal(["现场.png", "整改报告.pdf"], item.EvidenceFiles.Select(f => f.FileName));
        Assert.All(photos.Concat(files), f => Assert.Equal((item.Id, Stamp), (f.ItemId, f.Uploaded)));
    }

    private static RectificationItem NewItem() => Open().Item;

    private static (RectificationItem Item, ItemHistoryEntry Entry) Open() => RectificationItem.Open(
        Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "专项督察", Guid.CreateVersion7(), "某局", "320602",
        "问题", "描述", "地点", "行政执法", Severities.General, Calendar.AddWorkingDays(new DateOnly(2026, 3, 2), 40), new DateOnly(2026, 3, 2), Stamp);
}
