using Platform.BuildingBlocks.Auth;

namespace Platform.Assessment.Module.Features.ListCampaigns;

/// <summary>The node's campaigns, its own and those received from above (ADR 0023), newest first; a unit finds its roster through them.</summary>
public sealed class ListCampaignsHandler(AssessmentDbContext db, AssessmentAccess access)
{
    public async Task<ListCampaignsResponse> HandleAsync(ListCampaignsRequest request, CancellationToken cancellationToken)
    {
        access.RequirePeopleReader();
        var validator = new RequestValidator();
        if (request.Year != 0)
        {
            validator.Range("year", request.Year, 2000, 2100);
        }
        validator.ThrowIfInvalid();
        var campaigns = db.Campaigns.AsNoTracking();
        if (request.Year != 0)
        {
            campaigns = campaigns.Where(c => c.Year == request.Year);
        }
        var list = await campaigns.ToListAsync(cancellationToken);
        var response = new ListCampaignsResponse();
        response.Campaigns.AddRange(list.OrderByDescending(c => c.Created.At).ThenBy(c => c.Id).Select(c => c.ToProto()));
        return response;
    }
}
