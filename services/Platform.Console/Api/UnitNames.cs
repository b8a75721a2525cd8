using Grpc.Core;

namespace Platform.WebConsole.Api;

/// <summary>Unit ids to names, read through the API as the person (pages of 500).</summary>
public static class UnitNames
{
    public static async Task<Dictionary<string, string>> LoadAsync(NodeApi api, CallOptions call)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var token = "";
        do
        {
            var page = await api.Planning.ListUnitsAsync(new() { PageSize = 500, PageToken = token }, call);
            foreach (var unit in page.Units)
            {
                names[unit.Id] = unit.Name;
            }
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));
        return names;
    }

    public static string Name(this IReadOnlyDictionary<string, string> names, string id) =>
        names.TryGetValue(id, out var name) ? name : id;
}
