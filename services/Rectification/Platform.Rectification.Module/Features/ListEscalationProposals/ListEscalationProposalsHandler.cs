using Platform.Rectification.Module.Features.Escalation;

namespace Platform.Rectification.Module.Features.ListEscalationProposals;

/// <summary>Items the evaluator proposes to escalate, highest proposed step first, among those the caller may see.</summary>
public sealed class ListEscalationProposalsHandler(RectificationDbContext db, RectificationAccess access)
{
    public async Task<ListItemsResponse> HandleAsync(ListEscalationProposalsRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        Guid? unitId = string.IsNullOrEmpty(request.UnitId) ? null : validator.Id("unit_id", request.UnitId);
        int? order = string.IsNullOrEmpty(request.Step) ? null : LadderSteps.OrderOf(validator.OneOf("step", request.Step, StepCodes.ByCode) ?? string.Empty);
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
}
