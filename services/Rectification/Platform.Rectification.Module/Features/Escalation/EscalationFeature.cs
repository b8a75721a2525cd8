using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Auth;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.BuildingBlocks.Persistence;
using Platform.Contracts.Events.Rectification;
using Platform.Contracts.Rectification.V1;
using Platform.Rectification.Module.Domain;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.Rectification.Module.Features.Escalation;

/// <summary>
/// The escalation ladder (提醒 → 催办 → 督办函 → 约谈 → 挂牌督办 → 通报批评 → 移送纪检监察):
/// the office configures when each step is proposed and who may apply it; a person with the
/// right role applies the next step with a reason. The referral carries the item's whole file.
/// </summary>
public sealed class EscalationFeature(RectificationDbContext db, RectificationAccess access, TimeProvider clock)
{
    private static readonly IReadOnlyDictionary<string, string> StepCodes =
        LadderSteps.Codes.ToDictionary(c => c, c => c, StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<string, string> AssignableRoles =
        PlatformRoles.All.Where(r => r is PlatformRoles.OfficeStaff or PlatformRoles.Inspector)
            .ToDictionary(r => r, r => r, StringComparer.Ordinal);

    public async Task<Contracts.Rectification.V1.EscalationLadder> GetLadderAsync(CancellationToken cancellationToken)
    {
        access.Caller.RequireAnyRole(PlatformRoles.OfficeStaff, PlatformRoles.Inspector, PlatformRoles.Observer, PlatformRoles.NodeOperator);
        var steps = await db.Ladder.AsNoTracking().OrderBy(s => s.Order).ToListAsync(cancellationToken);
        var ladder = new Contracts.Rectification.V1.EscalationLadder();
        ladder.Steps.AddRange(steps.Select(s => s.ToProto()));
        return ladder;
    }

    public async Task<EscalationStep> UpdateStepAsync(UpdateEscalationStepRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var code = validator.OneOf("step", request.Step, StepCodes);
        validator.Range("overdue_working_days", request.OverdueWorkingDays, 0, 250);
        validator.Range("send_backs", request.SendBacks, 0, 20);
        if (request.OverdueWorkingDays == 0 && request.SendBacks == 0)
        {
            validator.Add("overdue_working_days", "and send_backs cannot both be 0: the step would never be proposed");
        }
        if (request.Roles.Count == 0)
        {
            validator.Add("roles", "must name at least one role that may apply the step");
        }
        for (var i = 0; i < request.Roles.Count; i++)
        {
            validator.OneOf($"roles[{i}]", request.Roles[i], AssignableRoles);
        }
        validator.ThrowIfInvalid();

        var step = await db.Ladder.SingleAsync(s => s.Code == code, cancellationToken);
        step.Reconfigure(request.OverdueWorkingDays, request.SendBacks, request.Roles.Select(r => r.Trim()).Distinct().ToList(),
            request.CopyToDiscipline, request.CopyToOrganisation, access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return step.ToProto();
    }

    public async Task<ListItemsResponse> ListProposalsAsync(ListEscalationProposalsRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        int? order = string.IsNullOrEmpty(request.Step) ? null : LadderSteps.OrderOf(validator.OneOf("step", request.Step, StepCodes) ?? string.Empty);
        validator.ThrowIfInvalid();

        var (rows, next) = await access.Visible(db.Items.AsNoTracking())
            .Where(i => i.ProposedOrder != null)
            .WhereIf(unitId, u => i => i.UnitId == u)
            .WhereIf(order, o => i => i.ProposedOrder == o)
            .OrderByDescending(i => i.ProposedOrder).ThenBy(i => i.Deadline).ThenBy(i => i.Id)
            .ToPageAsync(page, cancellationToken);
        var response = new ListItemsResponse { NextPageToken = next };
        response.Items.AddRange(rows.Select(i => i.ToProto()));
        return response;
    }

    public async Task<Contracts.Rectification.V1.RectificationItem> ApplyAsync(ApplyEscalationRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var code = validator.OneOf("step", request.Step, StepCodes);
        var reason = validator.Required("reason", request.Reason, 2000);
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        var step = await db.Ladder.AsNoTracking().SingleAsync(s => s.Code == code, cancellationToken);
        step.RequireMayApply(access.Caller);
        var stamp = access.Now();
        var entry = item.Escalate(step, reason, stamp);
        db.History.Add(entry);
        db.Escalations.Add(EscalationRecord.Create(item, step, reason, clock.TodayInChina(), stamp));

        IReadOnlyList<RectificationFileEntry> file = [];
        if (step.Code == LadderSteps.Referral)
        {
            // The whole file goes to the discipline-inspection commission: every step so far and this one.
            var earlier = await db.History.AsNoTracking().Where(e => e.ItemId == item.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
            file = [.. earlier.Append(entry).Select(e => new RectificationFileEntry(e.Recorded.At, e.Recorded.UserId, e.Action, e.Detail))];
        }
        db.AddIntegrationEvent(new RectificationEscalated(
            item.Id, item.FindingId, item.UnitId, item.UnitName, item.Title, item.Severity, step.Code, step.Order, reason, item.Deadline,
            step.CopyToDiscipline, step.CopyToOrganisation, file, stamp.UserId, stamp.At, stamp.NodeId));
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }
}
