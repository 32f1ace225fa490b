using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Seed;

namespace GreenFreight.Domain.Tests.Seed;

public class OrgUnitSeedTests
{
    static readonly string[] MemberNames =
    [
        "区发改局", "区工信局", "临淄交警大队", "区财政局", "区自然资源局", "临淄规划管理办公室", "临淄生态环境分局", "区住建局",
        "区交通运输局", "区商务局", "区市场监管局", "区大数据中心", "区综合执法局", "区投资促进中心", "区供销社", "临淄供电中心",
    ];

    static readonly string[] TownNames =
        ["辛店街道", "稷下街道", "齐陵街道", "闻韶街道", "雪宫街道", "齐都镇", "皇城镇", "敬仲镇", "朱台镇", "凤凰镇", "金岭回族镇", "金山镇"];

    static readonly string SeedText = File.ReadAllText(SharedData.PathOf("seed", "000_8fe81ff79e3cbc41.txt"));

    [Fact]
    public void Counts_names_and_order_match_the_domain_brief()
    {
        var units = OrgUnitSeed.All();
        Assert.Equal(29, units.Count);
        var office = Assert.Single(units, u => u.Kind == UnitKind.LeadingGroupOffice);
        Assert.Equal("领导小组办公室", office.Name);
        Assert.Equal("OFFICE", office.Code);
        Assert.Equal(MemberNames, units.Where(u => u.Kind == UnitKind.MemberUnit).OrderBy(u => u.SortOrder).Select(u => u.Name));
        Assert.Equal(TownNames, units.Where(u => u.Kind == UnitKind.TownOrStreet).OrderBy(u => u.SortOrder).Select(u => u.Name));
        Assert.Equal(units.Select(u => u.SortOrder).Order(), units.Select(u => u.SortOrder));
        Assert.Equal(units.Count, units.Select(u => u.SortOrder).Distinct().Count());
    }

    [Fact]
    public void Codes_are_unique_ascii_and_english_names_present()
    {
        var units = OrgUnitSeed.All();
        Assert.Equal(units.Count, units.Select(u => u.Code).Distinct().Count());
        Assert.All(units, u =>
        {
            Assert.Matches("^[A-Z]+$", u.Code);
            Assert.False(string.IsNullOrWhiteSpace(u.NameEn));
            Assert.Equal(0, u.Id);
        });
        Assert.Equal(["FGJ", "GXJ", "JJDD", "CZJ", "ZRZYJ", "GHGLBGS", "STHJFJ", "ZJJ", "JTYSJ", "SWJ", "SCJGJ", "DSJZX", "ZHZFJ", "TZCJZX", "GXS", "GDZX"],
            units.Where(u => u.Kind == UnitKind.MemberUnit).Select(u => u.Code));
    }

    [Fact]
    public void Member_and_town_duties_are_verbatim_from_the_seed()
    {
        foreach (var u in OrgUnitSeed.All().Where(u => u.Kind != UnitKind.LeadingGroupOffice))
        {
            Assert.False(string.IsNullOrWhiteSpace(u.Duties));
            Assert.True(SeedText.Contains(u.Duties, StringComparison.Ordinal), $"Duties of {u.Name} are not in the seed document.");
            Assert.False(char.IsAsciiDigit(u.Duties[0]), $"Duties of {u.Name} keep the leading number.");
        }
        Assert.All(OrgUnitSeed.All().Where(u => u.Kind == UnitKind.TownOrStreet), u => Assert.Equal("依据职责分工，结合本辖区实际情况，配合其他部门做好创建工作。", u.Duties));
    }

    [Fact]
    public void Office_duties_are_items_1_to_6_one_per_line_and_mention_where_it_sits()
    {
        var office = OrgUnitSeed.All().Single(u => u.Kind == UnitKind.LeadingGroupOffice);
        var lines = office.Duties.Split('\n');
        Assert.Contains("区交通运输局", lines[0]);
        var items = lines.Skip(1).ToArray();
        Assert.Equal(6, items.Length);
        for (var i = 0; i < 6; i++)
        {
            Assert.StartsWith($"{i + 1}．", items[i]);
            Assert.True(SeedText.Contains(items[i], StringComparison.Ordinal), $"Office duty line {i + 1} is not in the seed document.");
        }
    }
}
