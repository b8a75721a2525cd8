using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Outbox;
using Platform.BuildingBlocks.Persistence;

namespace Platform.Testing;

/// <summary>Reads what a store wrote to its outbox, scoped to one aggregate so tests sharing a node see only their own events.</summary>
public static class OutboxEvents
{
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    /// <summary>The events of type <typeparamref name="T"/> whose payload names <paramref name="about"/>, oldest first.</summary>
    public static async Task<List<T>> AboutAsync<T>(PlatformDbContext db, Guid about)
    {
        var typeName = EventTypeRegistry.WireNameOf(typeof(T));
        var needle = about.ToString();
        var payloads = await db.OutboxMessages.Where(m => m.MessageType == typeName && m.Payload.Contains(needle))
            .OrderBy(m => m.OccurredAt).ThenBy(m => m.Id).Select(m => m.Payload).ToListAsync();
        return [.. payloads.Select(p => JsonSerializer.Deserialize<T>(p, EventJson)!)];
    }
}
