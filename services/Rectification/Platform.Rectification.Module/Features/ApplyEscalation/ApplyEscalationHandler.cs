using Platform.BuildingBlocks.Kernel.Time;
using Platform.Rectification.Module.Features.Escalation;

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
        // The referral hands the discipline-inspection commission the whole file: every step so far and this one.
        var caseFile = step.Code == LadderSteps.Referral
            ? await db.History.AsNoTracking().Where(e => e.ItemId == item.Id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken)
            : null;
        var entry = item.Escalate(step, reason, stamp, caseFile);
        db.History.Add(entry);
        db.Escalations.Add(EscalationRecord.Create(item, step, reason, clock.TodayInChina(), stamp));
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }
}
