namespace Platform.Notification.Module.Domain;

public static class ContactRoles
{
    public const string Liaison = "liaison";
    public const string Leader = "leader";

    /// <summary>The node's discipline-inspection commission (纪委监委), a copy recipient.</summary>
    public const string Discipline = "discipline";

    /// <summary>The node's organisation department (组织部), a copy recipient.</summary>
    public const string Organisation = "organisation";

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Liaison] = Liaison, [Leader] = Leader, [Discipline] = Discipline, [Organisation] = Organisation,
    };

    public static bool IsUnitRole(string role) => role is Liaison or Leader;
}

/// <summary>An entry of the contact directory: a unit's liaison or leader, or a copy recipient of the node.</summary>
public sealed class Contact
{
    private Contact()
    {
    }

    public Guid Id { get; private set; }

    public Guid? UnitId { get; private set; }

    public string UnitName { get; private set; } = string.Empty;

    public string Role { get; private set; } = string.Empty;

    public string? UserId { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string? Email { get; private set; }

    public string? Mobile { get; private set; }

    public Audit Updated { get; private set; } = null!;

    public static Contact Create(Guid? unitId, string unitName, string role, string? userId, string name, string? email, string? mobile, Audit audit)
    {
        var contact = new Contact { Id = Guid.CreateVersion7() };
        contact.Change(unitId, unitName, role, userId, name, email, mobile, audit);
        return contact;
    }

    public void Change(Guid? unitId, string unitName, string role, string? userId, string name, string? email, string? mobile, Audit audit)
    {
        UnitId = unitId;
        UnitName = unitName;
        Role = role;
        UserId = userId;
        Name = name;
        Email = email;
        Mobile = mobile;
        Updated = audit;
    }
}

/// <summary>An integrator's webhook: signed POSTs of the kinds it asked for.</summary>
public sealed class WebhookSubscription
{
    private WebhookSubscription()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string Url { get; private set; } = string.Empty;

    public string Secret { get; private set; } = string.Empty;

    /// <summary>Comma-separated kinds; empty for all.</summary>
    public string Kinds { get; private set; } = string.Empty;

    public Audit Created { get; private set; } = null!;

    public IReadOnlyList<string> KindList => Kinds.Length == 0 ? [] : Kinds.Split(',');

    public bool Wants(string kind) => Kinds.Length == 0 || KindList.Contains(kind);

    public static WebhookSubscription Create(string name, string url, string secret, IEnumerable<string> kinds, Audit created) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name,
        Url = url,
        Secret = secret,
        Kinds = string.Join(',', kinds),
        Created = created,
    };
}

/// <summary>A user's choice of channels per kind, and quiet hours (China time) for non-urgent kinds.</summary>
public sealed class UserPreferences
{
    private UserPreferences()
    {
    }

    public string UserId { get; private set; } = string.Empty;

    /// <summary>"kind=email+sms;*=email": channels besides the inbox per kind, "*" for the rest.</summary>
    public string ChannelsByKind { get; private set; } = string.Empty;

    public TimeOnly? QuietFrom { get; private set; }

    public TimeOnly? QuietUntil { get; private set; }

    public Audit Updated { get; private set; } = null!;

    public static UserPreferences Create(string userId) => new() { UserId = userId };

    public IReadOnlyDictionary<string, IReadOnlyList<string>> ChannelMap =>
        ChannelsByKind.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('='))
            .ToDictionary(
                parts => parts[0],
                parts => (IReadOnlyList<string>)parts[1].Split('+', StringSplitOptions.RemoveEmptyEntries),
                StringComparer.Ordinal);

    public void Change(IReadOnlyDictionary<string, IReadOnlyList<string>> channels, TimeOnly? quietFrom, TimeOnly? quietUntil, Audit audit)
    {
        ChannelsByKind = string.Join(';', channels.Select(c => c.Key + "=" + string.Join('+', c.Value)));
        QuietFrom = quietFrom;
        QuietUntil = quietUntil;
        Updated = audit;
    }

    /// <summary>Whether the user wants <paramref name="kind"/> on <paramref name="channel"/>; without a choice, every channel.</summary>
    public bool Wants(string kind, string channel)
    {
        var map = ChannelMap;
        if (map.TryGetValue(kind, out var forKind) || map.TryGetValue("*", out forKind))
        {
            return forKind.Contains(channel);
        }
        return true;
    }

    /// <summary>When a non-urgent message created at <paramref name="now"/> may go out: now, or the end of the quiet period.</summary>
    public DateTimeOffset EarliestSend(DateTimeOffset now)
    {
        if (QuietFrom is not { } from || QuietUntil is not { } until || from == until)
        {
            return now;
        }
        var local = now.ToOffset(BuildingBlocks.Kernel.Time.ChinaTime.Offset);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var quiet = from < until ? time >= from && time < until : time >= from || time < until;
        if (!quiet)
        {
            return now;
        }
        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (from > until && time >= from)
        {
            endDate = endDate.AddDays(1);
        }
        return new DateTimeOffset(endDate.ToDateTime(until), BuildingBlocks.Kernel.Time.ChinaTime.Offset).ToUniversalTime();
    }
}
