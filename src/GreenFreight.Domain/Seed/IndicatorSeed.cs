using GreenFreight.Domain.Indicators;

namespace GreenFreight.Domain.Seed;

/// <summary>An indicator definition with the code of the unit that owns it (see <see cref="OrgUnitSeed"/>).</summary>
public sealed record IndicatorSeedRow(IndicatorDefinition Definition, string OwnerUnitCode);

/// <summary>A demo value of a manual indicator, entered by the unit <paramref name="UnitCode"/>.</summary>
public sealed record DemoIndicatorEntry(string Code, DateOnly AsOf, decimal? Value, string? Checked, string Description, string UnitCode);

/// <summary>
/// Indicator definitions: Linzi's six targets of the seed work plan (set <c>LINZI</c>) and the 32 rows of the
/// ministry's quarterly monitoring form 城市绿色货运配送示范工程运行情况信息表 (set <c>MOT</c>).
/// </summary>
public static class IndicatorSeed
{
    public const string MinistrySet = "MOT";
    public const string LinziSet = "LINZI";

    /// <summary>Options of M28 (城市货运配送公共信息服务平台).</summary>
    public const string PlatformFunctions = "政务发布、信息查询、车辆监管、数据分析、电子围栏、交通诱导";

    const string DemoSuffix = "（演示数据）";

    /// <summary>New instances (Id = 0) of the 38 definitions: LINZI rows (SortOrder 1–6), then MOT rows (SortOrder 101–132).</summary>
    public static IReadOnlyList<IndicatorSeedRow> All()
    {
        var rows = new List<IndicatorSeedRow>(38);
        rows.AddRange(Linzi());
        rows.AddRange(Ministry());
        return rows;
    }

    static IEnumerable<IndicatorSeedRow> Linzi()
    {
        const string cat = "临淄区创建目标", catEn = "Linzi targets";
        IndicatorSeedRow T(int no, string code, string zh, string en, IndicatorValueKind kind, string? unit,
            TargetComparison cmp, decimal target, string calc, string method, string owner) =>
            new(new IndicatorDefinition
            {
                Code = code, SetCode = LinziSet, No = no, Category = cat, CategoryEn = catEn, NameZh = zh, NameEn = en,
                Kind = kind, Unit = unit, TargetComparison = cmp, TargetValue = target, Source = IndicatorSource.Computed,
                Calculator = calc, Method = method, SortOrder = no,
            }, owner);

        yield return T(1, "LZ-STATIONS", "末端共同配送站数量", "Terminal common-distribution stations",
            IndicatorValueKind.Integer, "个", TargetComparison.GreaterOrEqual, 10, "facilities.terminal-stations",
            "统计日处于运营状态的末端共同配送站个数（以登记的投入运营日期、停用日期为准）；到创建期末统筹布局10个。", "SWJ");
        yield return T(2, "LZ-NEV-CHARGER-RATIO", "纯电动及插电式混合动力城市配送货车保有量与可用充电桩比值",
            "BEV and PHEV city delivery trucks per charging pile available to them",
            IndicatorValueKind.Ratio, ":1", TargetComparison.Less, 3, "ratio.bev-phev-per-pile",
            "截至统计日在用的纯电动及插电式混合动力城市配送货车（不含三轮车、低速货车）辆数，除以统计日运营中、对新能源物流配送车辆开放的充电站充电桩总数，保留两位小数；目标小于3∶1。", "FGJ");
        yield return T(3, "LZ-BAYS", "城市配送车辆道路范围内停靠泊位数量", "On-road loading bays for city delivery vehicles",
            IndicatorValueKind.Integer, "个", TargetComparison.GreaterOrEqual, 30, "bays.on-road-spaces",
            "统计日运营中、设置在道路范围内的城市配送车辆装卸停靠泊位个数（按泊位数累加，不含路外泊位）；目标不少于30个。", "JJDD");
        yield return T(4, "LZ-COMMON-DELIVERY", "中心城区大型超市（卖场）、连锁店采用共同配送（集中配送、夜间配送）的比例",
            "Share of central-area large supermarkets and chain stores using common, centralised or night delivery",
            IndicatorValueKind.Percent, "%", TargetComparison.GreaterOrEqual, 50, "outlets.advanced-share",
            "统计日在营的中心城区大型超市（卖场）、连锁店中，采用共同配送、集中配送或夜间配送任一模式的门店数占门店总数的百分比；目标达到50%以上。", "SWJ");
        yield return T(5, "LZ-AAA", "AAA级（含）以上物流企业数量", "Logistics enterprises rated AAA or higher",
            IndicatorValueKind.Integer, "个", TargetComparison.GreaterOrEqual, 1, "enterprises.aaa-logistics",
            "统计日已通过中国物流与采购联合会认定、等级为AAA级（含）以上的物流企业家数（以评定日期为准）；目标1家（含）以上。", "FGJ");
        yield return T(6, "LZ-PILOT-PLATFORMS", "搭建功能完善、数据互通信息平台的试点企业比例",
            "Share of pilot enterprises with a working, data-sharing information platform",
            IndicatorValueKind.Percent, "%", TargetComparison.GreaterOrEqual, 100, "enterprises.pilot-platform-share",
            "统计日的试点企业中，已搭建信息平台并与公共信息服务平台完成对接、数据互通的企业所占百分比；目标为全部试点企业（100%）。", "JTYSJ");
    }

    static IEnumerable<IndicatorSeedRow> Ministry()
    {
        const string c1 = "体制机制保障", c1En = "Institutions and mechanisms";
        const string c2 = "城市配送物流基础设施", c2En = "City delivery logistics infrastructure";
        const string c3 = "城市配送车辆及配套设施", c3En = "City delivery vehicles and supporting facilities";
        const string c4 = "便利通行政策", c4En = "Access facilitation policies";
        const string c5 = "先进配送组织模式", c5En = "Advanced delivery organisation models";
        const string c6 = "信息化建设", c6En = "Information systems";
        const string c7 = "市场主体培育", c7En = "Market player development";
        const string c8 = "物流降本增效", c8En = "Logistics cost reduction and efficiency";
        const string c9 = "节能减排", c9En = "Energy saving and emission reduction";

        IndicatorSeedRow M(int no, string cat, string catEn, string zh, string en, IndicatorValueKind kind, string? unit,
            string owner, string? calc = null, string? method = null, string? checklist = null) =>
            new(new IndicatorDefinition
            {
                Code = $"M{no:00}", SetCode = MinistrySet, No = no, Category = cat, CategoryEn = catEn, NameZh = zh, NameEn = en,
                Kind = kind, Unit = unit, Source = calc is null ? IndicatorSource.Manual : IndicatorSource.Computed,
                Calculator = calc, Method = method, ChecklistOptions = checklist, SortOrder = 100 + no,
            }, owner);

        const IndicatorValueKind yesNo = IndicatorValueKind.YesNo, integer = IndicatorValueKind.Integer,
            dec2 = IndicatorValueKind.Decimal2, pct = IndicatorValueKind.Percent, hasAtt = IndicatorValueKind.HasWithAttachment;

        yield return M(1, c1, c1En, "创建领导小组", "Leading group set up", yesNo, null, OrgUnitSeed.OfficeCode,
            method: "是否成立城市绿色货运配送示范工程建设领导小组，以印发文件为准。");
        yield return M(2, c1, c1En, "协同推进工作（次）", "Joint coordination work (times)", integer, "次", OrgUnitSeed.OfficeCode,
            method: "创建期内领导小组会议、专题会议及部门协调会的累计次数，以会议纪要为准。");
        yield return M(3, c1, c1En, "制定城市配送企业考核管理办法", "Assessment rules for city delivery enterprises issued", yesNo, null, "JTYSJ",
            method: "是否制定并印发城市配送（试点）企业考核管理办法。");
        yield return M(4, c1, c1En, "建立快递车辆规范管理制度", "Courier vehicle management rules established", yesNo, null, "JTYSJ",
            method: "是否建立快递车辆分类、规范管理制度。");
        yield return M(5, c1, c1En, "新能源车辆购置与营运方面政府拨付资金（元）", "Government funds for NEV purchase and operation (yuan)", dec2, "元", "CZJ",
            method: "创建期内各级财政实际拨付的新能源城市配送车辆购置、营运补贴资金累计额。");
        yield return M(6, c1, c1En, "配送中心建设方面政府拨付资金（元）", "Government funds for distribution centre construction (yuan)", dec2, "元", "CZJ",
            method: "创建期内各级财政实际拨付的公共配送中心等配送设施建设资金累计额。");
        yield return M(7, c1, c1En, "先进组织模式推广应用方面政府拨付资金（元）", "Government funds for promoting advanced organisation models (yuan)", dec2, "元", "CZJ",
            method: "创建期内各级财政实际拨付的共同配送、集中配送、夜间配送等推广资金累计额。");
        yield return M(8, c1, c1En, "市场主体培育方面政府拨付资金（元）", "Government funds for developing market players (yuan)", dec2, "元", "CZJ",
            method: "创建期内各级财政实际拨付的配送企业培育、奖励资金累计额。");

        yield return M(9, c2, c2En, "干支衔接型货运枢纽（物流园区）（个）", "Trunk-feeder freight hubs (logistics parks)", integer, "个", "FGJ",
            "facilities.hubs", "统计日处于运营状态的干支衔接型货运枢纽（物流园区）个数，按登记的投入运营、停用日期判断。");
        yield return M(10, c2, c2En, "公共配送中心（个）", "Public distribution centres", integer, "个", "FGJ",
            "facilities.distribution-centers", "统计日处于运营状态的公共配送中心个数（在建、规划中的不计），按登记的投入运营、停用日期判断。");
        yield return M(11, c2, c2En, "末端共同配送站（个）", "Terminal common-distribution stations", integer, "个", "SWJ",
            "facilities.terminal-stations", "统计日处于运营状态的末端共同配送站个数（在建、规划中的不计），按登记的投入运营、停用日期判断。");

        yield return M(12, c3, c3En, "新增纯电动城市配送营运车辆（辆）", "New battery-electric city delivery vehicles", integer, "辆", "JTYSJ",
            "vehicles.new-bev", "示范建设期初（2022年10月1日）至统计日投入运营的纯电动城市配送车辆辆数（含三轮车、低速货车）。");
        yield return M(13, c3, c3En, "新增新能源城市配送营运车辆（辆）", "New new-energy city delivery vehicles", integer, "辆", "JTYSJ",
            "vehicles.new-nev", "示范建设期初（2022年10月1日）至统计日投入运营的新能源（纯电动、插电式混合动力、燃料电池）城市配送车辆辆数。");
        yield return M(14, c3, c3En, "新增和更新城市配送营运车辆（辆）", "New and replacement city delivery vehicles", integer, "辆", "JTYSJ",
            "vehicles.new-all", "示范建设期初（2022年10月1日）至统计日投入运营的全部城市配送车辆辆数（新增及更新，不分能源类型）。");
        yield return M(15, c3, c3En, "示范建设期初城市配送新能源纯电动货车及插电式混合动力货车保有量（辆）",
            "BEV and PHEV city delivery trucks at the start of the demonstration period", integer, "辆", "JTYSJ",
            "vehicles.bev-phev-trucks-at-start", "示范建设期初（2022年10月1日）在用的纯电动及插电式混合动力货车（不含三轮车、低速货车）辆数。");
        yield return M(16, c3, c3En, "当期城市配送新能源纯电动货车及插电式混合动力货车保有量（辆）",
            "BEV and PHEV city delivery trucks now", integer, "辆", "JTYSJ",
            "vehicles.bev-phev-trucks", "截至统计日在用的纯电动及插电式混合动力货车（不含三轮车、低速货车）辆数。");
        yield return M(17, c3, c3En, "新能源物流配送车辆充电桩数量（个）", "Charging piles for NEV delivery vehicles", integer, "个", "FGJ",
            "chargers.logistics-piles", "统计日运营中、对新能源物流配送车辆开放的充电站（公用或专用）的充电桩总数；不对物流车辆开放的充电站不计。");
        yield return M(18, c3, c3En, "冷藏保温配送车辆保有量（辆）", "Refrigerated and insulated delivery vehicles", integer, "辆", "JTYSJ",
            "vehicles.cold-chain", "截至统计日在用的冷藏、保温城市配送车辆辆数。");
        yield return M(19, c3, c3En, "城市配送车辆保有量（辆）", "City delivery vehicles", integer, "辆", "JTYSJ",
            "vehicles.all", "截至统计日在用的全部城市配送车辆辆数（已登记退出运营的不计）。");

        yield return M(20, c4, c4En, "新能源物流配送车辆综合性政策", "Comprehensive policy for NEV delivery vehicles", hasAtt, null, "JJDD",
            method: "是否出台新能源物流配送车辆综合性支持政策，附政策文件。");
        yield return M(21, c4, c4En, "新能源物流配送车辆通行政策", "Access policy for NEV delivery vehicles", hasAtt, null, "JJDD",
            method: "是否出台新能源物流配送车辆通行便利政策，附政策文件。");
        yield return M(22, c4, c4En, "新能源物流配送车辆停车便利政策", "Parking facilitation policy for NEV delivery vehicles", hasAtt, null, "JJDD",
            method: "是否出台新能源物流配送车辆停车便利政策，附政策文件。");
        yield return M(23, c4, c4En, "城市货运配送需求调查预测制度", "Urban freight delivery demand survey and forecasting system", IndicatorValueKind.Has, null, "JTYSJ",
            method: "是否建立城市货运配送需求调查、预测制度。");
        yield return M(24, c4, c4En, "配送车辆分时、错时、分类通行和停放措施", "Time-sliced, staggered and class-based access and parking measures", hasAtt, null, "JJDD",
            method: "是否出台配送车辆分时、错时、分类通行和停放措施，附文件。");
        yield return M(25, c4, c4En, "城市货运配送车辆临时停靠点数量（个）", "Temporary stopping points for delivery vehicles", integer, "个", "JJDD",
            "bays.all-spaces", "统计日运营中的城市配送车辆装卸停靠泊位个数（按泊位数累加，含道路范围内及路外泊位）。");

        yield return M(26, c5, c5En, "中心区大型超市（卖场）、连锁店等商贸流通企业采用共同（集中）配送的比例（%）",
            "Share of central-area supermarkets and chain stores using common (centralised) delivery", pct, "%", "SWJ",
            "outlets.common-share", "统计日在营的中心区大型超市（卖场）、连锁店中，采用共同配送或集中配送的门店数占门店总数的百分比。");
        yield return M(27, c5, c5En, "中心区大型超市（卖场）、连锁店等商贸流通企业采用夜间配送的比例（%）",
            "Share of central-area supermarkets and chain stores using night delivery", pct, "%", "SWJ",
            "outlets.night-share", "统计日在营的中心区大型超市（卖场）、连锁店中，采用夜间配送的门店数占门店总数的百分比。");

        yield return M(28, c6, c6En, "城市货运配送公共信息服务平台", "Public information service platform for urban freight delivery",
            IndicatorValueKind.HasWithChecklist, null, "DSJZX",
            method: "是否建成城市货运配送公共信息服务平台，并勾选已上线的功能。", checklist: PlatformFunctions);

        yield return M(29, c7, c7En, "AAA级（含）以上城市配送企业数量（个）", "City delivery enterprises rated AAA or higher", integer, "个", "FGJ",
            "enterprises.aaa-delivery", "统计日经中国物流与采购联合会评定为AAA级（含）以上的物流、快递企业家数（以评定日期为准）。");

        yield return M(30, c8, c8En, "城市配送成本较示范建设期初降低的比例", "Reduction of city delivery cost since the start of the period", pct, "%", "JTYSJ",
            method: "以示范建设期初为基准，城市配送单位成本的降低比例，由抽样调查测算。");
        yield return M(31, c8, c8En, "城市配送车辆利用效率较示范建设期初提高的比例", "Increase in delivery vehicle utilisation since the start of the period", pct, "%", "JTYSJ",
            method: "以示范建设期初为基准，城市配送车辆日均行驶里程（利用效率）的提高比例，由平台轨迹及抽样调查测算。");

        yield return M(32, c9, c9En, "城市配送车辆单位周转量能耗较示范建设期初降低的比例", "Reduction of energy use per tonne-kilometre since the start of the period", pct, "%", "JTYSJ",
            method: "以示范建设期初为基准，城市配送车辆单位货物周转量能耗的降低比例，由抽样调查测算。");
    }

    /// <summary>Demo values of the manual MOT indicators over time. Every description ends with （演示数据）.</summary>
    public static IReadOnlyList<DemoIndicatorEntry> DemoManualEntries()
    {
        var list = new List<DemoIndicatorEntry>();
        void E(string code, DateOnly asOf, decimal? value, string description, string unit, string? @checked = null) =>
            list.Add(new DemoIndicatorEntry(code, asOf, value, @checked, description + DemoSuffix, unit));
        static DateOnly D(int y, int m, int d) => new(y, m, d);
        static string Inv(FormattableString s) => FormattableString.Invariant(s);

        E("M01", D(2023, 11, 10), 1, "临淄区人民政府办公室印发《临淄区落实淄博市创建国家绿色货运配送示范城市工作方案》（临政办字〔2023〕25号），成立临淄区城市绿色货运配送示范工程建设领导小组。", OrgUnitSeed.OfficeCode);

        (DateOnly, int)[] meetings = [(D(2023, 12, 31), 2), (D(2024, 6, 30), 4), (D(2024, 12, 31), 7), (D(2025, 6, 30), 9), (D(2025, 12, 31), 12), (D(2026, 6, 30), 14)];
        foreach (var (asOf, n) in meetings)
            E("M02", asOf, n, Inv($"截至{asOf:yyyy年M月d日}，累计召开领导小组会议、专题会议及部门协调会{n}次，均形成会议纪要。"), OrgUnitSeed.OfficeCode);

        E("M03", D(2024, 5, 20), 1, "印发《临淄区城市绿色货运配送试点企业考核管理办法（演示）》，明确考核内容、标准、方法及周期。", "JTYSJ");
        E("M04", D(2024, 3, 15), 1, "印发《临淄区快递车辆规范管理实施细则（演示）》，按车型及用途对寄递企业车辆分类管理。", "JTYSJ");

        (string Code, DateOnly AsOf, decimal Amount, string What)[] funds =
        [
            ("M05", D(2024, 6, 30), 1_280_000.00m, "新能源城市配送车辆购置、营运补贴"),
            ("M05", D(2024, 12, 31), 2_356_800.00m, "新能源城市配送车辆购置、营运补贴"),
            ("M05", D(2025, 12, 31), 3_912_640.00m, "新能源城市配送车辆购置、营运补贴"),
            ("M06", D(2024, 12, 31), 300_000.00m, "公共配送中心建设奖补"),
            ("M06", D(2025, 12, 31), 500_000.00m, "公共配送中心建设奖补"),
            ("M07", D(2025, 6, 30), 150_000.00m, "共同配送、夜间配送推广奖补"),
            ("M07", D(2026, 6, 30), 236_500.00m, "共同配送、夜间配送推广奖补"),
            ("M08", D(2025, 3, 31), 200_000.00m, "AAA级物流企业培育奖励"),
        ];
        foreach (var (code, asOf, amount, what) in funds)
            E(code, asOf, amount, Inv($"截至{asOf:yyyy年M月d日}，累计拨付{what}资金{amount:0.00}元。"), "CZJ");

        E("M20", D(2024, 4, 1), 1, "出台《临淄区新能源城市配送车辆推广应用支持措施（演示）》。", "JJDD");
        E("M21", D(2024, 7, 1), 1, "出台《临淄区新能源城市配送车辆通行管理规定（演示）》，优化新能源城市配送车辆通行路权。", "JJDD");
        E("M22", D(2024, 9, 1), 1, "出台《临淄区城市配送车辆停放管理方案（演示）》，设置专用、临时停车位及限时装卸泊位。", "JJDD");
        E("M23", D(2024, 10, 15), 1, "建立《临淄区城市货运配送需求调查预测制度（演示）》，按年度开展需求类型、分布、总量调查。", "JTYSJ");
        E("M24", D(2024, 7, 1), 1, "印发《临淄区城市配送车辆分时错时分类通行和停放措施（演示）》。", "JJDD");

        E("M28", D(2024, 6, 30), 1, "城市绿色货运配送公共信息服务平台上线运行，已具备政务发布、信息查询、车辆监管功能。", "DSJZX", "政务发布、信息查询、车辆监管");
        E("M28", D(2025, 6, 30), 1, "平台新增数据分析功能，与市平台及试点企业平台完成对接。", "DSJZX", "政务发布、信息查询、车辆监管、数据分析");

        (DateOnly, decimal, decimal, decimal)[] effects =
        [
            (D(2024, 6, 30), 3.8m, 7.5m, 1.6m),
            (D(2024, 12, 31), 6.5m, 12.0m, 3.2m),
            (D(2025, 6, 30), 8.9m, 16.8m, 4.1m),
            (D(2025, 12, 31), 10.6m, 20.3m, 4.6m),
        ];
        foreach (var (asOf, cost, efficiency, energy) in effects)
        {
            E("M30", asOf, cost, Inv($"抽样调查测算，城市配送单位成本较示范建设期初降低{cost:0.0}%。"), "JTYSJ");
            E("M31", asOf, efficiency, Inv($"平台轨迹及抽样调查测算，城市配送车辆日均行驶里程较示范建设期初提高{efficiency:0.0}%。"), "JTYSJ");
            E("M32", asOf, energy, Inv($"抽样调查测算，城市配送车辆单位周转量能耗较示范建设期初降低{energy:0.0}%。"), "JTYSJ");
        }
        return list;
    }
}
