using Platform.Rectification.Module.Features.Ledger;

namespace Platform.Rectification.Module.Features.ListLedger;

/// <summary>The ledger (整改台账) of a unit or a mission, paged: every visible item with its state and latest progress.</summary>
public sealed class ListLedgerHandler(LedgerQuery ledger)
{
    public async Task<ListLedgerResponse> HandleAsync(ListLedgerRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var page = PageRequest.Parse(validator, request.PageSize, request.PageToken);
        var scope = LedgerQuery.Scope(validator, request.UnitId, request.MissionId);
        validator.ThrowIfInvalid();

        var (rows, next) = await ledger.Query(scope).ToPageAsync(page, cancellationToken);
        var response = new ListLedgerResponse { NextPageToken = next };
        response.Rows.AddRange(rows.Select(i => new LedgerRow { Item = i.ToProto(), LatestProgress = i.LatestProgress }));
        return response;
    }
}
