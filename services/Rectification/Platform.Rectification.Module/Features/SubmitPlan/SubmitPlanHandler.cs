using RectificationItem = Platform.Contracts.Rectification.V1.RectificationItem;

namespace Platform.Rectification.Module.Features.SubmitPlan;

/// <summary>The unit submits its rectification plan: measures and milestones.</summary>
public sealed class SubmitPlanHandler(RectificationDbContext db, RectificationAccess access)
{
    public async Task<RectificationItem> HandleAsync(SubmitPlanRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        if (request.Measures.Count == 0)
        {
            validator.Add("measures", "must list at least one rectification measure");
        }
        if (request.Measures.Count > 100)
        {
            validator.Add("measures", "must list at most 100 measures");
        }
        var measures = request.Measures.Select((m, i) => validator.Required($"measures[{i}]", m, 2000)).ToList();
        var milestones = request.Milestones.Select((m, i) => new Domain.Milestone
        {
            Text = validator.Required($"milestones[{i}].text", m.Text, 1000),
            Due = validator.Date($"milestones[{i}].due", m.Due),
        }).ToList();
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        access.RequireActingFor(item);
        var stamp = access.Now();
        db.History.Add(item.SubmitPlan(measures, milestones, stamp));
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }
}
