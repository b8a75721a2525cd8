using Platform.Contracts.Planning.V1;
using Platform.Functional.Tests.Planning;

namespace Platform.Functional.Tests.Security;

/// <summary>Files leave the node as attachments a browser will neither render nor sniff.</summary>
[Collection(PlanningNodeCollection.Name)]
public sealed class DownloadHeaderTests(PlanningNode node)
{
    [Fact]
    public async Task A_download_is_an_attachment_with_nosniff_and_an_rfc5987_name()
    {
        var plan = await node.Planning.CreatePlanAsync(new CreatePlanRequest
        {
            Title = SliceScenario.UniqueName("2026年\"法治\"建设要点"),
            Year = 2026,
            Tasks = { new NewTask { Title = "健全重大行政决策程序制度", Deadline = "2026-12-31" } },
        }, node.Clerk);
        using var http = node.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/planning/v1/plans/{plan.Id}/workbook");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", node.Tokens.OfficeStaff());
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        var raw = string.Join(",", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.Contains("filename*=UTF-8''", raw, StringComparison.Ordinal);
        Assert.StartsWith("2026年法治建设要点", disposition.FileNameStar, StringComparison.Ordinal);
        Assert.DoesNotContain('"', disposition.FileNameStar!);
    }
}
