namespace Platform.Inspection.Module.Features.SetInspectorAvailability;

/// <summary>Marking a pool member available or not for new teams.</summary>
public sealed class SetInspectorAvailabilityHandler(InspectionDbContext db, InspectionAccess access)
{
    public async Task<Contracts.Inspection.V1.Inspector> HandleAsync(SetInspectorAvailabilityRequest request, CancellationToken cancellationToken)
    {
        access.RequireOffice();
        var validator = new RequestValidator();
        var id = validator.Id("inspector_id", request.InspectorId);
        validator.ThrowIfInvalid();
        var inspector = await db.Inspectors.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Inspector {id} is not in the pool.");
        inspector.SetAvailability(request.Available, access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return inspector.ToProto();
    }
}
