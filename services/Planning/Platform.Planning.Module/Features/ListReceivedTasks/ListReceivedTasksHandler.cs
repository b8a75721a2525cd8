using Platform.Planning.Module.Features.Federation;
using Domain = Platform.Planning.Module.Domain;

namespace Platform.Planning.Module.Features.ListReceivedTasks;

/// <summary>Tasks cascaded from the parent node (上级交办, ADR 0018), for the office, observers and operators; a unit's people see only their assignments.</summary>
public sealed class ListReceivedTasksHandler(PlanningDbContext db, PlanningAccess access)
{
    private static readonly string[] Statuses = ["received", "accepted", "revised"];

    public async Task<ListReceivedTasksResponse> HandleAsync(ListReceivedTasksRequest request, CancellationToken cancellationToken)
    {
        access.RequireNodeWideReader("What came from above");
        var validator = new RequestValidator();
        var status = validator.OptionalOneOf("status", request.Status, Statuses);
        validator.ThrowIfInvalid();
        var query = db.ReceivedTasks.AsNoTracking();
        query = status switch
        {
            "received" => query.Where(r => r.Status == Domain.ReceivedTaskStatus.Received),
            "accepted" => query.Where(r => r.Status == Domain.ReceivedTaskStatus.Accepted && r.Revision == r.AcknowledgedRevision),
            "revised" => query.Where(r => r.Status == Domain.ReceivedTaskStatus.Accepted && r.Revision > r.AcknowledgedRevision),
            _ => query,
        };
        var response = new ListReceivedTasksResponse();
        response.Tasks.AddRange((await query.ToListAsync(cancellationToken))
            .OrderByDescending(r => r.RevisedAt).ThenBy(r => r.TaskNumber).Select(ReceivedTaskRows.ToProto));
        return response;
    }
}
