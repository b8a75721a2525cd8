using Grpc.Core;

namespace Platform.WebConsole.Api;

/// <summary>Unit ids to names, read through the API as the person (pages of 500).</summary>
public static class UnitNames
{
    public static async Task<Dictionary<string, string>> LoadAsync(NodeApi api, CallOptions call) =>
        (await LoadUnitsAsync(api, call)).ToDictionary(u => u.Id, u => u.Name, StringComparer.Ordinal);

    /// <summary>Every unit the person may list, with its region (a mission's targets carry it).</summary>
    public static async Task<List<Platform.Contracts.Planning.V1.Unit>> LoadUnitsAsync(NodeApi api, CallOptions call)
    {
        var units = new List<Platform.Contracts.Planning.V1.Unit>();
        var token = "";
        do
        {
            var page = await api.Planning.ListUnitsAsync(new() { PageSize = 500, PageToken = token }, call);
            units.AddRange(page.Units);
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));
        return units;
    }

    public static string Name(this IReadOnlyDictionary<string, string> names, string id) =>
        names.TryGetValue(id, out var name) ? name : id;
}
