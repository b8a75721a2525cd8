using System.Text;
using static System.FormattableString;

namespace Platform.Assessment.Benchmark;

public sealed record SampleUnit(string Name, string ShortName, string Kind, string RegionCode);

public sealed record SamplePerson(SampleUnit Unit, string Name, string Position, string PostKind, string Rank);

/// <summary>
/// A generated province of Gansu's shape: the province with its departments, 14 cities (市州) and 86
/// counties, each with its government and departments, and the reporters of the 2023 campaign in the
/// issue's composition (1,791 city/county leaders and team members, 20,176 department heads and team members at
/// three levels, 5,565 township heads, 6,612 others), scaled down proportionally for a smaller run.
/// </summary>
public sealed class SampleProvince
{
    public const string GroupName = "全省各单位";

    private static readonly (string Code, string Name, string Short)[] Cities =
    [
        ("620100", "兰州市", "兰州"), ("620200", "嘉峪关市", "嘉峪关"), ("620300", "金昌市", "金昌"), ("620400", "白银市", "白银"),
        ("620500", "天水市", "天水"), ("620600", "武威市", "武威"), ("620700", "张掖市", "张掖"), ("620800", "平凉市", "平凉"),
        ("620900", "酒泉市", "酒泉"), ("621000", "庆阳市", "庆阳"), ("621100", "定西市", "定西"), ("621200", "陇南市", "陇南"),
        ("622900", "临夏回族自治州", "临夏"), ("623000", "甘南藏族自治州", "甘南"),
    ];

    private static readonly string[] Departments =
    [
        "司法局", "发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "财政局",
        "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水务局",
        "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局",
        "市场监督管理局", "统计局", "医疗保障局", "城市管理局", "林业和草原局", "信访局", "行政审批局", "体育局",
        "国有资产监督管理委员会", "机关事务管理局", "民族宗教事务局",
    ];

    // 20 × 38 × 50 distinct names: more than the full campaign, so no two reporters share a name.
    private static readonly string Surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗";
    private static readonly string Given = "建国文华明丽军平志强永红玉英秀兰海燕德福春梅晓东伟刚敏静磊洋勇艳杰涛超霞辉鹏";
    private static readonly string Given2 = "一二三四五六七八九十元方正安宁顺和清远新光川山水云天地成立信义礼智忠诚佳欣悦然彬斌博才昌达飞峰福贵浩";

    public IReadOnlyList<SampleUnit> Units { get; }

    public IReadOnlyList<SamplePerson> People { get; }

    public int Counties { get; }

    public SampleProvince(int reporters)
    {
        var scale = reporters / 34_144.0;
        int Scaled(int full, int min) => Math.Max(min, (int)Math.Round(full * scale));
        Counties = Scaled(86, Cities.Length);
        var provinceDepartments = Scaled(60, 4);
        var cityDepartments = Scaled(45, 2);
        var countyDepartments = Scaled(32, 2);

        var units = new List<SampleUnit> { new("甘肃省人民政府", "省政府", "政府", "620000") };
        var departments = new List<SampleUnit>();
        for (var d = 0; d < provinceDepartments; d++)
        {
            departments.Add(new SampleUnit(Invariant($"甘肃省{DepartmentName(d)}"), Invariant($"省{DepartmentName(d)}"), "部门", "620000"));
        }
        var cityGovernments = new List<SampleUnit>();
        var countyGovernments = new List<SampleUnit>();
        foreach (var (code, name, shortName) in Cities)
        {
            cityGovernments.Add(new SampleUnit($"{name}人民政府", $"{shortName}市政府", "政府", code));
            for (var d = 0; d < cityDepartments; d++)
            {
                departments.Add(new SampleUnit(name + DepartmentName(d), shortName + "市" + DepartmentName(d), "部门", code));
            }
        }
        for (var c = 0; c < Counties; c++)
        {
            var (code, name, shortName) = Cities[c % Cities.Length];
            var number = (c / Cities.Length) + 1;
            var county = Invariant($"{name}第{number}县");
            var region = code[..4] + Invariant($"{number:D2}");
            countyGovernments.Add(new SampleUnit($"{county}人民政府", Invariant($"{shortName}{number}县政府"), "政府", region));
            for (var d = 0; d < countyDepartments; d++)
            {
                departments.Add(new SampleUnit(county + DepartmentName(d), Invariant($"{shortName}{number}县{DepartmentName(d)}"), "部门", region));
            }
        }
        units.AddRange(cityGovernments);
        units.AddRange(countyGovernments);
        units.AddRange(departments);
        Units = units;

        var leaders = Scaled(1_791, 1);
        var departmentHeads = Scaled(20_176, 1);
        var townshipHeads = Scaled(5_565, 1);
        var others = reporters - leaders - departmentHeads - townshipHeads;
        var people = new List<SamplePerson>(reporters);
        var localGovernments = cityGovernments.Concat(countyGovernments).ToList();
        for (var i = 0; i < leaders; i++)
        {
            // The first two of each government are its party and government heads (书记, 市长/县长), the rest team members.
            var head = i < 2 * localGovernments.Count;
            people.Add(Person(people.Count, localGovernments[i % localGovernments.Count],
                head ? (i < localGovernments.Count ? "党委书记" : "政府主要负责人") : "副职领导", head ? "party_government_head" : "team_member", "正处级"));
        }
        for (var i = 0; i < departmentHeads; i++)
        {
            // 部门主要负责人及班子成员: the first of each department is its head, the rest its team.
            var head = i < departments.Count;
            people.Add(Person(people.Count, departments[i % departments.Count], head ? "局长" : "副局长", head ? "department_head" : "team_member", head ? "正处级" : "副处级"));
        }
        for (var i = 0; i < townshipHeads; i++)
        {
            people.Add(Person(people.Count, countyGovernments[i % countyGovernments.Count], "乡镇党委书记", "township_head", "正科级"));
        }
        for (var i = 0; i < others; i++)
        {
            people.Add(Person(people.Count, departments[i % departments.Count], i % 2 == 0 ? "执法大队大队长" : "法制机构负责人", i % 2 == 0 ? "enforcement_officer" : "other", "科级"));
        }
        People = people;
    }

    private static string DepartmentName(int index) =>
        index < Departments.Length ? Departments[index] : Invariant($"第{index + 1:D3}号局");

    private static SamplePerson Person(int index, SampleUnit unit, string position, string postKind, string rank)
    {
        var name = new StringBuilder()
            .Append(Surnames[index % Surnames.Length])
            .Append(Given[index / Surnames.Length % Given.Length])
            .Append(Given2[index / (Surnames.Length * Given.Length) % Given2.Length])
            .ToString();
        return new SamplePerson(unit, name, position, postKind, rank);
    }

    public byte[] UnitsCsv()
    {
        var csv = new StringBuilder("名称,简称,类型,行政区划代码,分组\n");
        foreach (var unit in Units)
        {
            csv.Append(unit.Name).Append(',').Append(unit.ShortName).Append(',').Append(unit.Kind).Append(',')
                .Append(unit.RegionCode).Append(',').Append(GroupName).Append('\n');
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    public static byte[] PeopleCsv(IEnumerable<SamplePerson> people)
    {
        var csv = new StringBuilder("单位,姓名,职务,岗位类别,职级,任职时间\n");
        foreach (var person in people)
        {
            csv.Append(person.Unit.Name).Append(',').Append(person.Name).Append(',').Append(person.Position).Append(',')
                .Append(person.PostKind).Append(',').Append(person.Rank).Append(",2021-06-01\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
