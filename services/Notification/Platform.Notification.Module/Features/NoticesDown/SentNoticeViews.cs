using SentNotice = Platform.Notification.Module.Domain.SentNotice;
using Platform.BuildingBlocks.Grpc;

namespace Platform.Notification.Module.Features.NoticesDown;

/// <summary>A sent notice as its office sees it: per node below and unit, pending, delivered or read.</summary>
internal static class SentNoticeViews
{
    public static Contracts.Notification.V1.SentNotice ToProto(SentNotice notice)
    {
        var proto = new Contracts.Notification.V1.SentNotice
        {
            Id = notice.Id.ToString(),
            Kind = notice.Kind,
            Title = notice.Title,
            Body = notice.Body,
            Audience = notice.Audience,
            CreatedAt = notice.Created.At.ToWire(),
            CreatedBy = notice.Created.UserId,
        };
        proto.Recipients.AddRange(notice.Recipients.OrderBy(r => r.RegionCode, StringComparer.Ordinal).ThenBy(r => r.UnitId).Select(r => new Contracts.Notification.V1.SentNoticeRecipient
        {
            RegionCode = r.RegionCode,
            NodeId = r.NodeId,
            UnitId = r.UnitId == Guid.Empty ? string.Empty : r.UnitId.ToString(),
            UnitName = r.UnitName,
            State = r.State,
            DeliveredAt = r.DeliveredAt?.ToWire() ?? string.Empty,
            ReadAt = r.ReadAt?.ToWire() ?? string.Empty,
        }));
        return proto;
    }
}
