using Platform.BuildingBlocks.Grpc;
using DomainContact = Platform.Notification.Module.Domain.Contact;
using DomainSubscription = Platform.Notification.Module.Domain.WebhookSubscription;

namespace Platform.Notification.Module.Features.Directory;

/// <summary>Contacts and webhook subscriptions on the wire, shared by the directory handlers.</summary>
internal static class DirectoryMapping
{
    public static Contracts.Notification.V1.Contact ToProto(DomainContact c) => new()
    {
        Id = c.Id.ToString(),
        UnitId = c.UnitId?.ToString() ?? string.Empty,
        UnitName = c.UnitName,
        Role = c.Role,
        UserId = c.UserId ?? string.Empty,
        Name = c.Name,
        Email = c.Email ?? string.Empty,
        Mobile = c.Mobile ?? string.Empty,
        UpdatedAt = c.Updated.At.ToWire(),
        UpdatedBy = c.Updated.UserId,
    };

    public static Contracts.Notification.V1.WebhookSubscription ToProto(DomainSubscription s)
    {
        var proto = new Contracts.Notification.V1.WebhookSubscription
        {
            Id = s.Id.ToString(),
            Name = s.Name,
            Url = s.Url,
            CreatedAt = s.Created.At.ToWire(),
            CreatedBy = s.Created.UserId,
        };
        proto.Kinds.AddRange(s.KindList);
        return proto;
    }
}
