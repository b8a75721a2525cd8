using Platform.Notification.Module.Features.Preferences;

namespace Platform.Notification.Module.Features.GetMyPreferences;

/// <summary>The caller's own choice of channels per kind and quiet hours (the defaults until they choose).</summary>
public sealed class GetMyPreferencesHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<Contracts.Notification.V1.Preferences> HandleAsync(GetMyPreferencesRequest request, CancellationToken cancellationToken)
    {
        var me = access.Caller.Id;
        var preferences = await db.Preferences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == me, cancellationToken);
        return PreferencesMapping.ToProto(preferences ?? UserPreferences.Create(me));
    }
}
