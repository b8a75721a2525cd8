namespace Platform.Functional.Tests;

/// <summary>
/// Asserts that asking for something of another unit answers exactly as asking for something
/// that does not exist: the same status and, but for the id the caller sent, the same message.
/// </summary>
public static class NotFoundShape
{
    private const string Placeholder = "{id}";

    /// <summary>REST: GET <paramref name="pathOf"/>(hidden id) reads like GET of a fresh id, and names none of <paramref name="secrets"/>.</summary>
    public static async Task AssertRestHidesAsync(HttpClient http, Func<string, string> pathOf, string hiddenId, params string[] secrets)
    {
        var missingId = Guid.CreateVersion7().ToString();
        var hidden = await http.GetAsync(pathOf(hiddenId));
        var missing = await http.GetAsync(pathOf(missingId));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        var hiddenBody = await hidden.Content.ReadAsStringAsync();
        Assert.Equal(
            Normalise(await missing.Content.ReadAsStringAsync(), missingId),
            Normalise(hiddenBody, hiddenId));
        Assert.All(secrets, s => Assert.DoesNotContain(s, hiddenBody, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>gRPC: the call with the hidden id fails like the call with a fresh id, and names none of <paramref name="secrets"/>.</summary>
    public static async Task AssertGrpcHidesAsync(Func<string, Task> call, string hiddenId, params string[] secrets)
    {
        var missingId = Guid.CreateVersion7().ToString();
        var missing = await Assert.ThrowsAsync<RpcException>(() => call(missingId));
        var hidden = await Assert.ThrowsAsync<RpcException>(() => call(hiddenId));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(Normalise(missing.Status.Detail, missingId), Normalise(hidden.Status.Detail, hiddenId));
        Assert.All(secrets, s => Assert.DoesNotContain(s, hidden.Status.Detail, StringComparison.OrdinalIgnoreCase));
    }

    // Problem details carry a per-request trace id; only the status and the message matter here.
    private static string Normalise(string body, string id) =>
        System.Text.RegularExpressions.Regex.Replace(body.Replace(id, Placeholder, StringComparison.OrdinalIgnoreCase), "\"traceId\":\"[^\"]*\"", string.Empty);
}
