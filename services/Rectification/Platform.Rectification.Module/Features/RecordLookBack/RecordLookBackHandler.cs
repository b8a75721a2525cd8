using Platform.BuildingBlocks.Kernel.Time;
using RectificationItem = Platform.Contracts.Rectification.V1.RectificationItem;

namespace Platform.Rectification.Module.Features.RecordLookBack;

/// <summary>
/// Look-back (回头看): a mission re-checks a verified item. A pass is recorded; a failure reopens
/// the item with a new deadline and counts against the unit (the item's reopen count).
/// </summary>
public sealed class RecordLookBackHandler(RectificationDbContext db, RectificationAccess access, DeadlinePolicy deadlines, TimeProvider clock)
{

    public async Task<RectificationItem> HandleAsync(RecordLookBackRequest request, CancellationToken cancellationToken)
    {
        access.RequireOfficeOrInspector();
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var missionId = validator.Id("look_back_mission_id", request.LookBackMissionId);
        var note = validator.Optional("note", request.Note, 2000) ?? string.Empty;
        if (!request.Passed && note.Length == 0)
        {
            validator.Add("note", "must say what the re-check found when it failed");
        }
        var today = clock.TodayInChina();
        var requested = DeadlinePolicy.OptionalNewDeadline(validator, request.NewDeadline, today);
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        var stamp = access.Now();
        if (request.Passed)
        {
            db.History.Add(item.LookBackPassed(missionId, note, stamp));
        }
        else
        {
            var newDeadline = requested ?? deadlines.AfterReopen(today);
            db.History.Add(item.LookBackFailed(missionId, note, newDeadline, stamp));
        }
        await db.SaveChangesAsync(cancellationToken);
        return item.ToProto();
    }
}
