using System.Globalization;

namespace Platform.BuildingBlocks.Grpc;

/// <summary>How dates and instants travel in messages: dates as YYYY-MM-DD, instants as ISO 8601 in UTC.</summary>
public static class WireFormat
{
    public static string ToWire(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string ToWire(this DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
