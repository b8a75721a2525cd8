using System.Globalization;
using Platform.Notification.Module.Features.Delivery;
using Platform.Notification.Module.Features.Preferences;

namespace Platform.Notification.Module.Features.UpdateMyPreferences;

/// <summary>Each user changes their own channels per kind and quiet hours; nobody edits another's.</summary>
public sealed class UpdateMyPreferencesHandler(NotificationDbContext db, NotificationAccess access)
{
    public async Task<Contracts.Notification.V1.Preferences> HandleAsync(UpdateMyPreferencesRequest request, CancellationToken cancellationToken)
    {
        var validator = new RequestValidator();
        var channels = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var i = 0; i < request.Channels.Count; i++)
        {
            var entry = request.Channels[i];
            if (entry.Kind != "*" && !MessageKinds.All.Contains(entry.Kind))
            {
                validator.Add($"channels[{i}].kind", $"must be \"*\" or one of {string.Join(", ", MessageKinds.All)}");
            }
            else if (!channels.TryAdd(entry.Kind, [.. entry.Channels.Distinct()]))
            {
                validator.Add($"channels[{i}].kind", $"'{entry.Kind}' is given twice");
            }
            for (var j = 0; j < entry.Channels.Count; j++)
            {
                if (!Channels.Optional.ContainsKey(entry.Channels[j]))
                {
                    validator.Add($"channels[{i}].channels[{j}]", $"must be one of {string.Join(", ", Channels.Optional.Keys)} (the inbox always carries every message)");
                }
            }
        }
        var quietFrom = Time(validator, "quiet_from", request.QuietFrom);
        var quietUntil = Time(validator, "quiet_until", request.QuietUntil);
        if ((quietFrom is null) != (quietUntil is null))
        {
            validator.Add(quietFrom is null ? "quiet_from" : "quiet_until", "quiet hours need both quiet_from and quiet_until, or neither");
        }
        validator.ThrowIfInvalid();

        var me = access.Caller.Id;
        var preferences = await db.Preferences.FirstOrDefaultAsync(p => p.UserId == me, cancellationToken);
        if (preferences is null)
        {
            preferences = UserPreferences.Create(me);
            db.Preferences.Add(preferences);
        }
        preferences.Change(channels, quietFrom, quietUntil, access.Now());
        await db.SaveChangesAsync(cancellationToken);
        return PreferencesMapping.ToProto(preferences);
    }

    private static TimeOnly? Time(RequestValidator validator, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!TimeOnly.TryParseExact(value.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            validator.Add(field, $"'{value}' is not a time; expected HH:mm (China time)");
            return null;
        }
        return time;
    }
}
