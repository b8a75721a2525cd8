using System.Globalization;
using Platform.BuildingBlocks.Grpc;

namespace Platform.Notification.Module.Features.Preferences;

/// <summary>A user's preferences on the wire, shared by GetMyPreferences and UpdateMyPreferences.</summary>
internal static class PreferencesMapping
{
    public static Contracts.Notification.V1.Preferences ToProto(UserPreferences p)
    {
        var proto = new Contracts.Notification.V1.Preferences
        {
            UserId = p.UserId,
            QuietFrom = p.QuietFrom?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? string.Empty,
            QuietUntil = p.QuietUntil?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? string.Empty,
            UpdatedAt = p.Updated?.At.ToWire() ?? string.Empty,
        };
        foreach (var (kind, channels) in p.ChannelMap)
        {
            var entry = new ChannelPreference { Kind = kind };
            entry.Channels.AddRange(channels);
            proto.Channels.Add(entry);
        }
        return proto;
    }
}
