using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Grpc;
using Platform.Contracts.Events.Rectification;
using Platform.Contracts.Rectification.V1;
using Platform.Rectification.Module.Infrastructure;

namespace Platform.Rectification.Module.Features.Workflow;

/// <summary>
/// The item's working life: the unit submits its plan, reports progress and completion; the
/// office verifies (验收销号) or sends it back with reasons and a new deadline.
/// </summary>
public sealed class WorkflowFeature(RectificationDbContext db, RectificationAccess access, DeadlinePolicy deadlines, TimeProvider clock)
{
    public async Task<RectificationItem> SubmitPlanAsync(SubmitPlanRequest request, CancellationToken cancellationToken)
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
        db.AddIntegrationEvent(new RectificationPlanSubmitted(item.Id, item.UnitId, measures.Count, stamp.UserId, stamp.At, stamp.NodeId));
        await db.SaveStepAsync(cancellationToken);
        return item.ToProto();
    }

    public async Task<RectificationItem> ReportProgressAsync(ReportProgressRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var percent = validator.Range("percent", request.Percent, 0, 99);
        var text = validator.Required("text", request.Text, 4000);
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        access.RequireActingFor(item);
        var stamp = access.Now();
        db.History.Add(item.ReportProgress(percent, text, stamp));
        db.AddIntegrationEvent(new RectificationProgressReported(item.Id, item.UnitId, percent, stamp.UserId, stamp.At, stamp.NodeId));
        await db.SaveStepAsync(cancellationToken);
        return item.ToProto();
    }

    public async Task<RectificationItem> SubmitCompletionAsync(SubmitCompletionRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var summary = validator.Required("summary", request.Summary, 8000);
        if (request.Evidence.Count == 0)
        {
            validator.Add("evidence", "must list at least one piece of evidence");
        }
        var evidence = request.Evidence.Select((e, i) => validator.Required($"evidence[{i}]", e, 1000)).ToList();
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        access.RequireActingFor(item);
        var stamp = access.Now();
        db.History.Add(item.SubmitCompletion(summary, evidence, stamp));
        db.AddIntegrationEvent(new RectificationCompletionSubmitted(item.Id, item.UnitId, stamp.UserId, stamp.At, stamp.NodeId));
        await db.SaveStepAsync(cancellationToken);
        return item.ToProto();
    }

    public async Task<RectificationItem> VerifyAsync(VerifyItemRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var note = Optional(validator, "note", request.Note, 2000);
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        var stamp = access.Now();
        db.History.Add(item.Verify(note, clock.TodayInChina(), stamp));
        db.AddIntegrationEvent(new RectificationVerified(item.Id, item.UnitId, stamp.UserId, stamp.At, stamp.NodeId));
        await db.SaveStepAsync(cancellationToken);
        return item.ToProto();
    }

    public async Task<RectificationItem> SendBackAsync(SendBackItemRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        validator.Id("item_id", request.ItemId);
        var reason = validator.Required("reason", request.Reason, 2000);
        var today = clock.TodayInChina();
        DateOnly? requested = string.IsNullOrWhiteSpace(request.NewDeadline) ? null : validator.Date("new_deadline", request.NewDeadline);
        if (requested is { } date && date != default && date <= today)
        {
            validator.Add("new_deadline", $"must be after today ({today:yyyy-MM-dd}), got {date:yyyy-MM-dd}");
        }
        validator.ThrowIfInvalid();

        var item = await access.LoadAsync(db.Items, "item_id", request.ItemId, cancellationToken);
        var stamp = access.Now();
        var newDeadline = requested ?? deadlines.AfterSendBack(today);
        db.History.Add(item.SendBack(reason, newDeadline, stamp));
        db.AddIntegrationEvent(new RectificationSentBack(
            item.Id, item.UnitId, item.UnitName, item.Title, reason, newDeadline, item.SendBackCount, stamp.UserId, stamp.At, stamp.NodeId));
        await db.SaveStepAsync(cancellationToken);
        return item.ToProto();
    }

    internal static string Optional(RequestValidator validator, string field, string? value, int maxLength)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length > maxLength)
        {
            validator.Add(field, $"must be at most {maxLength} characters, got {text.Length}");
        }
        return text;
    }
}
