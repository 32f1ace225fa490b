using GreenFreight.Domain.Indicators;
using GreenFreight.Domain.Seed;

namespace GreenFreight.Domain.Tests.Seed;

public class IndicatorSeedTests
{
    /// <summary>The ministry form, copied from the domain brief's table: (category, indicator, kind).</summary>
    static readonly (string Category, string Name, IndicatorValueKind Kind)[] MinistryForm =
    [
        ("体制机制保障", "创建领导小组", IndicatorValueKind.YesNo),
        ("体制机制保障", "协同推进工作（次）", IndicatorValueKind.Integer),
        ("体制机制保障", "制定城市配送企业考核管理办法", IndicatorValueKind.YesNo),
        ("体制机制保障", "建立快递车辆规范管理制度", IndicatorValueKind.YesNo),
        ("体制机制保障", "新能源车辆购置与营运方面政府拨付资金（元）", IndicatorValueKind.Decimal2),
        ("体制机制保障", "配送中心建设方面政府拨付资金（元）", IndicatorValueKind.Decimal2),
        ("体制机制保障", "先进组织模式推广应用方面政府拨付资金（元）", IndicatorValueKind.Decimal2),
        ("体制机制保障", "市场主体培育方面政府拨付资金（元）", IndicatorValueKind.Decimal2),
        ("城市配送物流基础设施", "干支衔接型货运枢纽（物流园区）（个）", IndicatorValueKind.Integer),
        ("城市配送物流基础设施", "公共配送中心（个）", IndicatorValueKind.Integer),
        ("城市配送物流基础设施", "末端共同配送站（个）", IndicatorValueKind.Integer),
        ("城市配送车辆及配套设施", "新增纯电动城市配送营运车辆（辆）", IndicatorValueKind.Integer),
        ("城市配送车辆及配套设施", "新增新能源城市配送营运车辆（辆）", IndicatorValueKind.Integer),
        ("城市配送车辆及配套设施", "新增和更新城市配送营运车辆（辆）", IndicatorValueKind.Integer),
        ("城市配送车辆及配套设施", "示范建设期初城市配送新能源纯电动货车及插电式混合动力货车保有量（辆）", IndicatorValueKind.Integer),
        ("城市配送车辆及配套设施", "当期城市配送新能源纯电动货车及插电式混合动力货车保有量（辆）", IndicatorValueKind.Integer),
        ("城市配送车辆及配套设施", "新能源物流配送车辆充电桩数量（个）", IndicatorValueKind.Integer),
        ("城市配送车辆及配套设施", "冷藏保温配送车辆保有量（辆）", IndicatorValueKind.Integer),
        ("城市配送车辆及配套设施", "城市配送车辆保有量（辆）", IndicatorValueKind.Integer),
        ("便利通行政策", "新能源物流配送车辆综合性政策", IndicatorValueKind.HasWithAttachment),
        ("便利通行政策", "新能源物流配送车辆通行政策", IndicatorValueKind.HasWithAttachment),
        ("便利通行政策", "新能源物流配送车辆停车便利政策", IndicatorValueKind.HasWithAttachment),
        ("便利通行政策", "城市货运配送需求调查预测制度", IndicatorValueKind.Has),
        ("便利通行政策", "配送车辆分时、错时、分类通行和停放措施", IndicatorValueKind.HasWithAttachment),
        ("便利通行政策", "城市货运配送车辆临时停靠点数量（个）", IndicatorValueKind.Integer),
        ("先进配送组织模式", "中心区大型超市（卖场）、连锁店等商贸流通企业采用共同（集中）配送的比例（%）", IndicatorValueKind.Percent),
        ("先进配送组织模式", "中心区大型超市（卖场）、连锁店等商贸流通企业采用夜间配送的比例（%）", IndicatorValueKind.Percent),
        ("信息化建设", "城市货运配送公共信息服务平台", IndicatorValueKind.HasWithChecklist),
        ("市场主体培育", "AAA级（含）以上城市配送企业数量（个）", IndicatorValueKind.Integer),
        ("物流降本增效", "城市配送成本较示范建设期初降低的比例", IndicatorValueKind.Percent),
        ("物流降本增效", "城市配送车辆利用效率较示范建设期初提高的比例", IndicatorValueKind.Percent),
        ("节能减排", "城市配送车辆单位周转量能耗较示范建设期初降低的比例", IndicatorValueKind.Percent),
    ];

    static readonly Dictionary<string, string> Calculators = new()
    {
        ["M09"] = "facilities.hubs", ["M10"] = "facilities.distribution-centers", ["M11"] = "facilities.terminal-stations",
        ["M12"] = "vehicles.new-bev", ["M13"] = "vehicles.new-nev", ["M14"] = "vehicles.new-all",
        ["M15"] = "vehicles.bev-phev-trucks-at-start", ["M16"] = "vehicles.bev-phev-trucks", ["M17"] = "chargers.logistics-piles",
        ["M18"] = "vehicles.cold-chain", ["M19"] = "vehicles.all", ["M25"] = "bays.all-spaces", ["M26"] = "outlets.common-share",
        ["M27"] = "outlets.night-share", ["M29"] = "enterprises.aaa-delivery",
    };

    [Fact]
    public void Ministry_form_has_the_32_rows_of_the_domain_brief()
    {
        var mot = IndicatorSeed.All().Select(r => r.Definition).Where(d => d.SetCode == "MOT").OrderBy(d => d.No).ToList();
        Assert.Equal(32, mot.Count);
        for (var i = 0; i < 32; i++)
        {
            var d = mot[i];
            Assert.Equal(i + 1, d.No);
            Assert.Equal($"M{i + 1:00}", d.Code);
            Assert.Equal(MinistryForm[i].Category, d.Category);
            Assert.Equal(MinistryForm[i].Name, d.NameZh);
            Assert.Equal(MinistryForm[i].Kind, d.Kind);
            Assert.Equal(101 + i, d.SortOrder);
            Assert.False(string.IsNullOrWhiteSpace(d.NameEn));
            Assert.False(string.IsNullOrWhiteSpace(d.CategoryEn));
        }
        Assert.Equal("政务发布、信息查询、车辆监管、数据分析、电子围栏、交通诱导", mot[27].ChecklistOptions);
        Assert.Equal(6, mot[27].Checklist.Count);
    }

    [Fact]
    public void Units_follow_the_names()
    {
        foreach (var d in IndicatorSeed.All().Select(r => r.Definition))
        {
            var expected = d.NameZh.EndsWith("（个）") ? "个" : d.NameZh.EndsWith("（辆）") ? "辆" : d.NameZh.EndsWith("（次）") ? "次"
                : d.NameZh.EndsWith("（元）") ? "元" : d.Kind == IndicatorValueKind.Percent ? "%" : null;
            if (d.SetCode == "MOT") Assert.Equal(expected, d.Unit);
        }
    }

    [Fact]
    public void Computed_rows_use_the_agreed_calculators_and_have_a_method()
    {
        var mot = IndicatorSeed.All().Select(r => r.Definition).Where(d => d.SetCode == "MOT").ToList();
        foreach (var d in mot)
        {
            if (Calculators.TryGetValue(d.Code, out var calc))
            {
                Assert.Equal(IndicatorSource.Computed, d.Source);
                Assert.Equal(calc, d.Calculator);
                Assert.False(string.IsNullOrWhiteSpace(d.Method));
            }
            else
            {
                Assert.Equal(IndicatorSource.Manual, d.Source);
                Assert.Null(d.Calculator);
            }
        }
        Assert.Contains("不含三轮车、低速货车", mot.Single(d => d.Code == "M16").Method);
    }

    [Fact]
    public void Linzi_targets_are_the_six_of_the_plan()
    {
        var rows = IndicatorSeed.All().Where(r => r.Definition.SetCode == "LINZI").OrderBy(r => r.Definition.No).ToList();
        Assert.Equal(
            [
                ("LZ-STATIONS", "末端共同配送站数量", "facilities.terminal-stations", TargetComparison.GreaterOrEqual, 10m, "SWJ"),
                ("LZ-NEV-CHARGER-RATIO", "纯电动及插电式混合动力城市配送货车保有量与可用充电桩比值", "ratio.bev-phev-per-pile", TargetComparison.Less, 3m, "FGJ"),
                ("LZ-BAYS", "城市配送车辆道路范围内停靠泊位数量", "bays.on-road-spaces", TargetComparison.GreaterOrEqual, 30m, "JJDD"),
                ("LZ-COMMON-DELIVERY", "中心城区大型超市（卖场）、连锁店采用共同配送（集中配送、夜间配送）的比例", "outlets.advanced-share", TargetComparison.GreaterOrEqual, 50m, "SWJ"),
                ("LZ-AAA", "AAA级（含）以上物流企业数量", "enterprises.aaa-logistics", TargetComparison.GreaterOrEqual, 1m, "FGJ"),
                ("LZ-PILOT-PLATFORMS", "搭建功能完善、数据互通信息平台的试点企业比例", "enterprises.pilot-platform-share", TargetComparison.GreaterOrEqual, 100m, "JTYSJ"),
            ],
            rows.Select(r => (r.Definition.Code, r.Definition.NameZh, r.Definition.Calculator!, r.Definition.TargetComparison!.Value, r.Definition.TargetValue!.Value, r.OwnerUnitCode)));
        Assert.All(rows, r =>
        {
            Assert.Equal("临淄区创建目标", r.Definition.Category);
            Assert.Equal("Linzi targets", r.Definition.CategoryEn);
            Assert.Equal(r.Definition.No, r.Definition.SortOrder);
            Assert.Equal(IndicatorSource.Computed, r.Definition.Source);
            Assert.False(string.IsNullOrWhiteSpace(r.Definition.Method));
        });
        Assert.Equal(IndicatorValueKind.Ratio, rows[1].Definition.Kind);
    }

    [Fact]
    public void Target_names_use_the_seed_wording()
    {
        var seed = File.ReadAllText(SharedData.PathOf("seed", "000_8fe81ff79e3cbc41.txt"));
        // The seed's own phrases behind each target name.
        string[] phrases =
        [
            "末端共同配送站", "纯电动及插电式混合动力城市配送货车保有量", "可用充电桩", "城市配送车辆道路范围内停靠泊位数量",
            "中心城区大型超市（卖场）、连锁店", "共同配送（集中配送、夜间配送）", "AAA级(含)以上物流企业", "搭建功能完善、数据互通",
        ];
        Assert.All(phrases, p => Assert.Contains(p, seed));
    }

    [Fact]
    public void Codes_calculators_and_owner_units_resolve()
    {
        var rows = IndicatorSeed.All();
        Assert.Equal(38, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Definition.Code).Distinct().Count());
        var unitCodes = OrgUnitSeed.All().Select(u => u.Code).ToHashSet();
        Assert.All(rows, r =>
        {
            Assert.Contains(r.OwnerUnitCode, unitCodes);
            if (r.Definition.Calculator is { } c) Assert.True(IndicatorCalculators.All.ContainsKey(c), c);
        });
        Assert.Equal(Enumerable.Range(1, 6).Concat(Enumerable.Range(101, 32)), rows.Select(r => r.Definition.SortOrder));
    }

    [Fact]
    public void Owners_are_the_lead_units()
    {
        var owner = IndicatorSeed.All().ToDictionary(r => r.Definition.Code, r => r.OwnerUnitCode);
        foreach (var c in new[] { "M05", "M06", "M07", "M08" }) Assert.Equal("CZJ", owner[c]);
        foreach (var c in new[] { "M20", "M21", "M22", "M24", "M25" }) Assert.Equal("JJDD", owner[c]);
        foreach (var c in new[] { "M09", "M10", "M17", "M29" }) Assert.Equal("FGJ", owner[c]);
        foreach (var c in new[] { "M11", "M26", "M27" }) Assert.Equal("SWJ", owner[c]);
        Assert.Equal("DSJZX", owner["M28"]);
        foreach (var c in new[] { "M12", "M13", "M14", "M15", "M16", "M18", "M19" }) Assert.Equal("JTYSJ", owner[c]);
        foreach (var c in new[] { "M01", "M02", "M03", "M04", "M23", "M30", "M31", "M32" }) Assert.Contains(owner[c], new[] { "JTYSJ", "OFFICE" });
    }

    [Fact]
    public void Demo_entries_are_plausible()
    {
        var defs = IndicatorSeed.All().ToDictionary(r => r.Definition.Code, r => r.Definition);
        var units = OrgUnitSeed.All().Select(u => u.Code).ToHashSet();
        var entries = IndicatorSeed.DemoManualEntries();
        Assert.NotEmpty(entries);
        foreach (var e in entries)
        {
            var d = defs[e.Code];
            Assert.Equal(IndicatorSource.Manual, d.Source);
            Assert.EndsWith("（演示数据）", e.Description);
            Assert.Contains(e.UnitCode, units);
            Assert.True(e.AsOf <= new DateOnly(2026, 11, 24));
            Assert.NotNull(e.Value);
            if (d.Kind is IndicatorValueKind.YesNo or IndicatorValueKind.Has or IndicatorValueKind.HasWithAttachment or IndicatorValueKind.HasWithChecklist)
                Assert.Contains(e.Value!.Value, new[] { 0m, 1m });
            if (d.Kind == IndicatorValueKind.HasWithChecklist)
                Assert.All(e.Checked!.Split('、'), o => Assert.Contains(o, d.Checklist));
            else
                Assert.Null(e.Checked);
            if (d.Kind == IndicatorValueKind.Decimal2) Assert.Equal(Math.Round(e.Value!.Value, 2), e.Value);
        }
        Assert.Contains(entries, e => e.Code == "M01" && e.AsOf == new DateOnly(2023, 11, 10) && e.Value == 1);
        Assert.Equal(4, entries.Where(e => e.Code == "M28").MaxBy(e => e.AsOf)!.Checked!.Split('、').Length);
        foreach (var code in new[] { "M20", "M21", "M22", "M23", "M24" })
            Assert.Contains("演示", Assert.Single(entries, e => e.Code == code).Description.Replace("（演示数据）", ""));
        // Cumulative series never go down.
        foreach (var g in entries.GroupBy(e => e.Code))
        {
            var values = g.OrderBy(e => e.AsOf).Select(e => e.Value!.Value).ToList();
            Assert.Equal(values.Order(), values);
        }
        foreach (var code in new[] { "M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M20", "M21", "M22", "M23", "M24", "M28", "M30", "M31", "M32" })
            Assert.Contains(entries, e => e.Code == code);
    }
}
