using GreenFreight.Domain.Access;
using GreenFreight.Domain.Registry;
using NetTopologySuite.Geometries;

namespace GreenFreight.Domain.Seed;

/// <summary>
/// The Zibo central-city truck access notice of 2023-07-25 (domain brief) as access rules, the policy publications
/// they come from, and demonstration zone geometry inside Linzi (marked as demo: the police's real zones replace it).
/// </summary>
public static class AccessSeed
{
    public const string NoticeTitle = "淄博市中心城区货车通行管理通告（2023年7月25日）";
    public static readonly DateOnly NoticeDate = new(2023, 7, 25);

    static readonly GeometryFactory F = new(new PrecisionModel(), 4326);

    public static PolicyPublication Notice(DateTimeOffset publishedAt) => new()
    {
        Title = NoticeTitle,
        Issuer = "淄博市公安局交通警察支队",
        IssuedOn = NoticeDate,
        PublishedAt = publishedAt,
        Body = """
            为保障城市配送车辆便利通行，按照“分时、错时、分类”通行原则，中心城区货车通行管理规定如下（平台据此维护通行规则，临淄区按此模板执行）：
            一、多用途货车（皮卡）不受限制。
            二、总质量4.5吨及以下新能源货车：禁止驶入城市快速路，其他道路不受限制。
            三、城市配送车辆、轻型货车、总质量4.5吨以上新能源货车：禁止驶入城市快速路；每日7:00至8:30、17:00至19:00禁止驶入禁行区。
            四、中型、重型货车：全天禁止驶入禁行区；国四及以上排放标准的，每日23:00至次日6:00可驶入外围限行区。
            五、危险货物运输车辆、牵引车、三轮汽车、低速货车：全天禁止驶入。
            六、执行任务的警车、消防车、救护车、工程救险车等应急车辆不受限制；持有效通行证的车辆按通行证载明的时段、区域和路线通行。
            通行证通过网上办理，临时通行证须提前24小时申请，长期通行证按季度或年度核发；新能源和冷链配送车辆享受更长的通行时段和更大的通行范围。
            """,
    };

    public static PolicyPublication WorkPlan(DateTimeOffset publishedAt) => new()
    {
        Title = "临淄区人民政府办公室关于印发临淄区落实淄博市创建国家绿色货运配送示范城市工作方案的通知",
        DocumentNo = "临政办字〔2023〕25号",
        Issuer = "临淄区人民政府办公室",
        IssuedOn = new DateOnly(2023, 11, 10),
        PublishedAt = publishedAt,
        Body = """
            创建期以“绿色环保、便民利民、降本增效、城市畅通”为引领，探索解决城市货运配送中存在的通行不畅、停靠装卸难、“最后一公里”成本高、信息“孤岛”等突出问题。创建期为2022年10月至2025年9月。
            临淄交警大队：负责制定城市配送车辆便利通行政策和停放管理方案。到创建期末，城市配送车辆道路范围内停靠泊位数量不少于30个。
            区综合行政执法局：协调做好绿色配送车辆在我区智慧停车项目范围内免费限时停放工作。
            """,
    };

    static Polygon Box(double x0, double y0, double x1, double y1) => F.CreatePolygon(
        [new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1), new(x0, y0)]);

    /// <summary>Demo zones inside both Linzi outlines: the inner restricted zone over the urban core, an outer limited zone, and an expressway.</summary>
    public static List<AccessZone> DemoZones() =>
    [
        new AccessZone
        {
            Name = "临淄城区货车禁行区（演示）", Kind = AccessZoneKind.Restricted, Area = Box(118.285, 36.800, 118.325, 36.835), SpeedLimitKmh = 40,
            IsDemo = true, Source = "淄博市中心城区货车通行管理通告（2023-07-25）模板；区域为演示数据",
        },
        new AccessZone
        {
            Name = "临淄城区外围限行区（演示）", Kind = AccessZoneKind.Limited,
            Area = F.CreatePolygon([new(118.272, 36.803), new(118.300, 36.797), new(118.336, 36.797), new(118.340, 36.850), new(118.292, 36.856), new(118.270, 36.835), new(118.272, 36.803)]),
            IsDemo = true, Source = "淄博市中心城区货车通行管理通告（2023-07-25）模板；区域为演示数据",
        },
        new AccessZone
        {
            Name = "临淄城区快速路（演示）", Kind = AccessZoneKind.Expressway, WidthMetres = 60,
            Line = F.CreateLineString([new(118.292, 36.862), new(118.320, 36.866), new(118.370, 36.866)]),
            IsDemo = true, Source = "淄博市中心城区货车通行管理通告（2023-07-25）模板；线位为演示数据",
        },
    ];

    static string Classes(params VehicleClass[] c) => string.Join(",", c);

    /// <summary>The notice's rules, by zone kind (so they apply to whatever zones the police draw).</summary>
    public static List<AccessRule> Rules(int? policyId)
    {
        AccessRule R(string name, ZoneKinds kinds, string classes, EnergyMatch energy, RuleEffect effect, string windows,
            int? over = null, int? upTo = null, EmissionStandard? minEmission = null) => new()
        {
            Name = name, ZoneKinds = kinds, Classes = classes, Energy = energy, Effect = effect, Windows = windows,
            OverWeightKg = over, UpToWeightKg = upTo, MinEmission = minEmission, Days = WeekDays.All,
            ExemptWithPass = effect == RuleEffect.Forbid, ExemptEmergency = effect == RuleEffect.Forbid,
            EffectiveFrom = NoticeDate, PolicyId = policyId,
        };
        var small = Classes(VehicleClass.MicroTruck, VehicleClass.LightTruck);
        var trucks = Classes(VehicleClass.MicroTruck, VehicleClass.LightTruck, VehicleClass.MediumTruck, VehicleClass.HeavyTruck);
        var big = Classes(VehicleClass.MediumTruck, VehicleClass.HeavyTruck);
        return
        [
            R("多用途货车不受限制", ZoneKinds.All, Classes(VehicleClass.Pickup), EnergyMatch.Any, RuleEffect.Allow, "00:00-24:00"),
            R("4.5吨及以下新能源货车禁止驶入快速路", ZoneKinds.Expressway, small, EnergyMatch.NewEnergy, RuleEffect.Forbid, "00:00-24:00", upTo: 4500),
            R("轻型、微型燃油货车禁止驶入快速路", ZoneKinds.Expressway, small, EnergyMatch.Fuel, RuleEffect.Forbid, "00:00-24:00"),
            R("轻型、微型燃油货车早晚高峰禁止驶入禁行区", ZoneKinds.Restricted, small, EnergyMatch.Fuel, RuleEffect.Forbid, "07:00-08:30;17:00-19:00"),
            R("4.5吨以上新能源货车禁止驶入快速路", ZoneKinds.Expressway, trucks, EnergyMatch.NewEnergy, RuleEffect.Forbid, "00:00-24:00", over: 4500),
            R("4.5吨以上新能源货车早晚高峰禁止驶入禁行区", ZoneKinds.Restricted, trucks, EnergyMatch.NewEnergy, RuleEffect.Forbid, "07:00-08:30;17:00-19:00", over: 4500),
            R("中型、重型燃油货车全天禁止驶入", ZoneKinds.All, big, EnergyMatch.Fuel, RuleEffect.Forbid, "00:00-24:00"),
            R("国四及以上中重型货车夜间可驶入外围限行区", ZoneKinds.Limited, big, EnergyMatch.Fuel, RuleEffect.Allow, "23:00-06:00", minEmission: EmissionStandard.ChinaIV),
            R("危险货物运输车、牵引车、三轮汽车、低速货车全天禁止驶入", ZoneKinds.All,
                Classes(VehicleClass.DangerousGoods, VehicleClass.Tractor, VehicleClass.Tricycle, VehicleClass.LowSpeed), EnergyMatch.Any, RuleEffect.Forbid, "00:00-24:00"),
        ];
    }
}
