using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Calendar;
using Platform.BuildingBlocks.Grpc;
using KeptUpdates = Platform.BuildingBlocks.Calendar.CalendarUpdates;
using Kernel = Platform.BuildingBlocks.Kernel.Calendar;
using Platform.BuildingBlocks.Node;
using Platform.Planning.Module.Features.Federation;
using Wire = Platform.Contracts.Events.Federation;

namespace Platform.Planning.Module.Features.CalendarUpdates;

/// <summary>A kept calendar update as the API shows it.</summary>
internal static class CalendarUpdateRows
{
    public static CalendarUpdate ToProto(CalendarUpdateRecord u, bool inForce) => new()
    {
        Id = u.Id.ToString(),
        IssuerNodeId = u.IssuerNodeId,
        IssuerLevel = u.IssuerLevel,
        Version = u.Version,
        Year = u.Year,
        Holidays = { u.HolidayDays.Select(ToProto) },
        MakeUpWorkingDays = { u.MakeUpDays.Select(ToProto) },
        Notice = u.Notice ?? string.Empty,
        IssuedAt = u.IssuedAt.ToWire(),
        SenderNodeId = u.SenderNodeId ?? string.Empty,
        ReceivedAt = u.ReceivedAt.ToWire(),
        ChildNodeIds = { u.ChildNodeIds },
        InForce = inForce,
    };

    private static CalendarDay ToProto(Wire.CalendarUpdateDay d) => new() { Date = d.Date.ToWire(), Name = d.Name };
}
