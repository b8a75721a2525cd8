using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Kernel.Time;
using Platform.Contracts.Events.Rectification;
using Platform.Contracts.Rectification.V1;
using Platform.Rectification.Module.Domain;
using Platform.Rectification.Module.Features.Escalation;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.Rectification.Module.Features.ApplyEscalation;

/// <summary>
/// A person with the step's role applies the next ladder step with a reason. The referral
/// (移送纪检监察) carries the item's whole file.
/// </summary>
public sealed class ApplyEscalationHandler(RectificationDbContext db, RectificationAccess access, TimeProvider clock)
{
    public async Task<Contracts.Rectification.V1.RectificationItem> HandleAsync(ApplyEscalationRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var code = validator.OneOf("step", request.Step, StepCodes.ByCode);
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
