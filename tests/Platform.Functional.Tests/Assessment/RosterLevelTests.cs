using System.Text;
using Google.Protobuf;
using Platform.Contracts.Assessment.V1;
using Xunit;

namespace Platform.Functional.Tests.Assessment;

/// <summary>
/// 应述尽述 at more than one statement's size: people imported from a list are put on the roster at the
/// four levels (province, city, county from the unit's region code; township from the post), in
/// several multi-row inserts, each once, and only those the duty list names.
/// </summary>
public sealed class RosterLevelTests(AssessmentNode node) : IClassFixture<AssessmentNode>
{
    [Fact]
    public async Task Everyone_due_at_each_of_the_four_levels_is_on_the_roster_once_however_many_there_are()
    {
        var province = await node.UnitAsync("江苏省司法厅", regionCode: "320000");
        var city = await node.UnitAsync("南通市司法局", regionCode: "320600");
        var county = await node.UnitAsync("如东县司法局", regionCode: "320623");
        var csv = new StringBuilder("单位,姓名,职务,岗位类别,职级,任职时间,任期届满\n");
        // 401 department heads in each unit (1,203: three statements of at most 500 rows), two township
        // heads, and five team members the duty list does not name.
        foreach (var unit in new[] { province, city, county })
        {
            for (var i = 0; i < 401; i++)
            {
                csv.Append($"{unit.Name},述法人{i:D4},处长,部门主要负责人,正处级,2024-01-01,\n");
            }
        }
        csv.Append($"{county.Name},赵镇长,镇长,乡镇(街道)主要负责人,正科级,2024-01-01,\n{county.Name},钱镇长,镇长,乡镇（街道）主要负责人,正科级,2024-01-01,\n");
        for (var i = 0; i < 5; i++)
        {
            csv.Append($"{city.Name},班子{i},副局长,班子成员,副处级,2024-01-01,\n");
        }
        var imported = await node.Assessment.ImportPeopleAsync(
            new ImportPeopleRequest { Content = ByteString.CopyFromUtf8(csv.ToString()), FileName = "人员.csv" }, node.Clerk);
        Assert.Equal((1_210, 0), (imported.Created, imported.Problems.Count));

        var campaign = await node.Assessment.CreateCampaignAsync(new CreateCampaignRequest
        {
            Title = "2026年度述法", Year = 2026, Kind = "annual",
            Duties =
            {
                new Duty { Level = "province", PostKind = "department_head" },
                new Duty { Level = "city", PostKind = "department_head" },
                new Duty { Level = "county", PostKind = "department_head" },
                new Duty { Level = "township", PostKind = "township_head" },
            },
        }, node.Clerk);

        var first = await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        Assert.Equal((1_205, 0, 1_205), (first.Added, first.Excused, first.Total));
        var again = await node.Assessment.GenerateRosterAsync(new GenerateRosterRequest { CampaignId = campaign.Id }, node.Clerk);
        Assert.Equal((0, 0, 1_205), (again.Added, again.Excused, again.Total));

        var byLevel = (await node.Assessment.GetCampaignDashboardAsync(
            new GetCampaignDashboardRequest { CampaignId = campaign.Id, GroupBy = "level" }, node.Clerk)).Rows.ToDictionary(r => r.Key, r => r.Due);
        Assert.Equal(new Dictionary<string, int> { ["city"] = 401, ["county"] = 401, ["province"] = 401, ["township"] = 2 }, byLevel);

        // An entry written in bulk reads like any other: the person, their unit and post as they were.
        var township = (await node.Assessment.ListRosterAsync(
            new ListRosterRequest { CampaignId = campaign.Id, UnitId = county.Id, PageSize = 500 }, node.Clerk)).Entries.Where(e => e.Level == "township").ToList();
        Assert.Equal(["赵镇长", "钱镇长"], township.Select(e => e.PersonName).Order(StringComparer.Ordinal));
        Assert.All(township, e => Assert.Equal(("due", "township_head", county.Id, string.Empty), (e.Status, e.PostKind, e.UnitId, e.Reason)));
        var entry = await node.Assessment.SubmitDutyReportAsync(
            new SubmitDutyReportRequest { EntryId = township[0].Id, Form = "书面", Text = "一年来认真履行推进法治建设第一责任人职责。" }, node.LiaisonOf(county.Id));
        Assert.Equal("submitted", entry.Status);
    }
}
