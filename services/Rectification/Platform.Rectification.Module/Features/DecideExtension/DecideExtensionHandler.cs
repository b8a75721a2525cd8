using Platform.BuildingBlocks.Kernel.Deadlines;

namespace Platform.Rectification.Module.Features.DecideExtension;

/// <summary>The office approves or refuses an extension request; both dates are kept.</summary>
public sealed class DecideExtensionHandler(RectificationDbContext db, RectificationAccess access)
{
    public async Task<Contracts.Rectification.V1.ExtensionRequest> HandleAsync(DecideExtensionRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var (id, note) = ExtensionRules.ReadDecision(request.ExtensionId, request.Approve, request.Note);

        var extension = await db.Extensions.SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Extension request {id} does not exist on this node.");
        var item = await access.Visible(db.Items).SingleOrDefaultAsync(i => i.Id == extension.ItemId, cancellationToken)
            ?? throw new NotFoundException($"Extension request {id} does not exist on this node.");
        var stamp = access.Now();
        extension.Decide(request.Approve, note, stamp);
        if (request.Approve)
        {
            db.History.Add(item.ApproveExtension(extension.RequestedDeadline, note, stamp));
        }
        else
        {
            db.History.Add(item.Record(stamp, HistoryActions.ExtensionRefused, $"不同意延期至{extension.RequestedDeadline:yyyy-MM-dd}：{note}"));
        }
        await db.SaveChangesAsync(cancellationToken);
        return extension.ToProto();
    }
}
