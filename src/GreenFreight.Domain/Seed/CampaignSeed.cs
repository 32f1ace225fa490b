namespace GreenFreight.Domain.Seed;

using GreenFreight.Domain.Campaign;
using CampaignEntity = GreenFreight.Domain.Campaign.Campaign;

/// <summary>A task of the seed plan: key task index (null for a key task itself), number, title, text and the unit bracket, all as written.</summary>
public sealed record CampaignTaskSeedRow(int? KeyTask, string Number, string Title, string Content, string? UnitsText);

/// <summary>A unit named in a task's bracket: its name as written (or <see cref="CampaignSeed.TownsAndStreets"/>) and its role.</summary>
public sealed record TaskUnitRef(string Name, TaskUnitRole Role);

/// <summary>
/// The campaign of the seed work plan (临政办字〔2023〕25号): period 2022-10 to 2025-09, its 重点任务 （一）–（七） and their
/// sub-items with the units in their brackets (牵头单位 / 责任单位, verbatim), the target sentences and the indicators they
/// name, and the members' duties (the annex's 成员单位职责, held on <see cref="Registry.OrgUnit.Duties"/>).
/// </summary>
public static class CampaignSeed
{
    public const string Name = "临淄区落实淄博市创建国家绿色货运配送示范城市工作方案";
    public const string DocumentNumber = "临政办字〔2023〕25号";
    public const string Goal = "创建期以“绿色环保、便民利民、降本增效、城市畅通”为引领，探索解决城市货运配送中存在的通行不畅、停靠装卸难、“最后一公里”成本高、信息“孤岛”等突出问题。初步建成集约、智慧、高效、绿色、低碳的城市货运配送服务体系，基础设施集约建设不断加强，城市拥堵有效缓解，配送信息实现交互共享，配送模式不断创新，市场主体不断壮大，物流服务水平显著提高，有效促进社会物流降本增效，逐步形成具有特色的绿色货运配送发展模式。创建期为2022年10月至2025年9月。";
    public static readonly DateOnly StartsOn = new(2022, 10, 1);
    public static readonly DateOnly EndsOn = new(2025, 9, 30);

    /// <summary>The bracket's 各镇、街道: every town and street.</summary>
    public const string TownsAndStreets = "各镇、街道";

    /// <summary>The tasks in the plan's order (key tasks （一）–（七）, each followed by its sub-items).</summary>
    public static readonly IReadOnlyList<CampaignTaskSeedRow> Tasks =
    [
        new(null, "（一）", "规划建设城市货运配送枢纽设施", "", null),
        new(0, "1．", "依托齐鲁正本物流园、鲁中现代综合物流产业集聚园,满足区域间干线运输、甩挂运输、仓储集散等物流服务需求", "依托齐鲁正本物流园、鲁中现代综合物流产业集聚园,满足区域间干线运输、甩挂运输、仓储集散等物流服务需求。", "（牵头单位；区发改局、区交通运输局，责任单位：区商务局）"),
        new(0, "2．", "依托交通枢纽、产业园区、批发市场、农产品主产区、供应链基地等布局建设公共配送中心，开展运输集散、电商快递分拣、仓储配送等物流业务", "依托交通枢纽、产业园区、批发市场、农产品主产区、供应链基地等布局建设公共配送中心，开展运输集散、电商快递分拣、仓储配送等物流业务。结合市国土空间规划，做好公共配送中心的用地保障。", "（牵头单位：区发改局；责任单位：区自然资源局、临淄规划管理办公室、区交通运输局、区商务局）"),
        new(0, "3．", "推动末端共同配送站共建共用，优化快递自提点、邮政网点及商超便利店、商业区、社区配送站点的布局和功能，为终端客户提供停靠、装卸、分拣等服务", "推动末端共同配送站共建共用，优化快递自提点、邮政网点及商超便利店、商业区、社区配送站点的布局和功能，为终端客户提供停靠、装卸、分拣等服务。到创建期末，统筹布局10个末端共同配送站，满足社区、高校、商务区等末端商品配送需求。", "（区商务局、区供销社、区交通运输局按职责分工负责）"),
        new(null, "（二）", "加快新能源城市配送车辆推广使用", "落实淄博市新能源汽车推广应用优惠政策。引导快递、物流行业三轮车逐步更新为低、高速微型客厢式新能源物流车，支持4．5 吨及以下燃油城市配送车辆更新为新能源汽车。加快新能源汽车基础设施建设，保障新能源城市配送车辆能源补给需求。到创建期末，纯电动及插电式混合动力城市配送货车保有量之和与新能源城市配送车辆可用充电桩总量的比值小于3∶1。在公共配送中心规划建设阶段，做好地下停车位充电桩预留，保障新能源城市配送车辆的推广使用。", "（牵头单位：区发改局、区交通运输局；责任单位：区工信局、临淄交警大队、区财政局、区自然资源局、临淄规划管理办公室、区住建局、区交通运输局、区商务局、区投资促进中心、临淄供电中心）"),
        new(null, "（三）", "强化城市配送车辆通行支持", "", null),
        new(2, "1．", "完善城市配送车辆便利通行政策", "完善城市配送车辆便利通行政策。根据法律法规及有关政策要求，结合我区城市配送需求和行业发展趋势，制定城市配送车辆分时、错时、分类通行政策，划定货车禁限行区域，优化新能源城市配送车辆通行路权，为城市配送车辆营造良好的交通环境。", "（牵头单位：临淄交警大队，责任单位：临淄生态环境分局、区交通运输局）"),
        new(2, "2．", "推进城市配送车辆停车便利化", "推进城市配送车辆停车便利化。制定城市配送车辆停放管理方案，指导相关单位合理规划临时停靠泊位。在商贸区、商超区、货运枢纽、大型社区等管理区域内，合理规划设置一定比例的城市配送车辆专用停车位和临时停车位；结合我区城市物流配送需求和道路条件，在部分城市主次干道和支路设置一批专供城市配送车辆装卸货使用的限时停车位。到创建期末，城市配送车辆道路范围内停靠泊位数量不少于30个。", "（牵头单位：临淄交警大队；责任单位：区发改局、区市场监管局、区综合执法局）"),
        new(2, "3．", "促进快递车辆规范管理", "促进快递车辆规范管理。按照市邮政管理部门出台的快递车辆规范管理制度，按照车型及用途对寄递企业运输邮件（快件）使用的车辆进行分类和管理。", "（牵头单位：区交通运输局；责任单位：临淄交警大队、区综合执法局，各镇、街道）"),
        new(null, "（四）", "加快城市绿色配送信息化建设", "", null),
        new(3, "1．", "构建城市绿色货运配送公共信息服务平台", "构建城市绿色货运配送公共信息服务平台。根据上级要求，做好与市城市绿色货运配送公共信息服务平台对接和运行工作，完善区发展改革、交通运输、公安、商务、邮政管理、供销、物流产业发展等部门的政务信息，并与试点企业信息平台有效对接。", "（牵头单位：区交通运输局、区大数据中心；责任单位：区发改局、临淄交警大队、区财政局、区商务局、区供销社）"),
        new(3, "2．", "推进试点企业信息系统建设", "推进试点企业信息系统建设。鼓励城市绿色货运配送试点企业依托移动互联网、物联网等技术搭建信息平台，整合社会闲散运力资源，实现物流资源集约整合和精准匹配，有效提高城市配送运行效率；提供信息查询、物流追踪、在线交易、保险理赔等基本服务及多元化增值服务，满足供应链上下游企业一站式服务需求。到创建期末，引导全部试点企业搭建功能完善、数据互通的信息化企业平台。", "（牵头单位：区交通运输局；责任单位：区商务局、区发改局）"),
        new(null, "（五）", "创新发展城市货运配送组织模式", "", null),
        new(4, "1．", "鼓励先进配送组织模式推广应用", "鼓励先进配送组织模式推广应用。严格执行市城市共同配送模式推广应用政策，鼓励连锁零售企业、专业市场商户、便利店商圈采取共同配送模式。到创建期末，中心城区大型超市（卖场）、连锁店等商贸流通企业采用共同配送（集中配送、夜间配送）的比例达到50%以上。", "（牵头单位：区商务局；责任单位：区交通运输局、区发改局）"),
        new(4, "2．", "推广快递行业共同配送", "推广快递行业共同配送。鼓励引导快递行业实现共同配送，按照“政府引导、政策促进、市场运作”的工作思路，推进快递行业共同配送模式应用发展。", "（牵头单位：区交通运输局；责任单位：区发改局，各镇、街道）"),
        new(null, "（六）", "强化绿色货运配送运输市场管理", "", null),
        new(5, "1．", "加大市场主体培育力度", "加大市场主体培育力度。积极培育引进运作高效、服务规范的专业城市配送企业。到创建期末，通过中国物流与采购联合会认定的 AAA级(含)以上物流企业达到 1家(含)以上。", "（牵头单位：区发改局；责任单位：区交通运输局、区商务局）"),
        new(5, "2．", "强化配送市场管理", "强化配送市场管理。严格执行市城市绿色货运配送试点企业认定标准、考核管理办法，根据考核评价的内容、标准、方法及周期等，结合考核评价结果实行相应的奖惩措施，引导城市货运配送企业规范健康发展。", "（牵头单位：区交通运输局；责任单位：区发改局、临淄交警大队、区财政局、区商务局、区发改局）"),
        new(5, "3．", "建立城市货运配送调控机制", "建立城市货运配送调控机制。开展城市货运配送需求调查，强化城市货运配送需求管理，重点就需求类型、分布、总量进行调查，分析总结城市货运配送现状，预测城市货运配送行业发展趋势。", "（牵头单位：区交通运输局；责任单位：临淄交警大队、区商务局、区发改局）"),
        new(null, "（七）", "建立发展保障机制", "按照有关政策规定，落实上级新能源汽车相关资金，落实新能源汽车推广应用相关政策，支持新能源城市配送车辆更新、运营及配套基础设施建设，支持绿色货运配送发展。", "（区财政局、临淄交警大队、区交通运输局、区商务局按职责分工负责）"),

    ];

    /// <summary>Target sentences of the plan and the indicator each names (key task index, number → text, indicator code).</summary>
    public static readonly IReadOnlyDictionary<(int KeyTask, string Number), (string Text, string IndicatorCode)> Targets =
        new Dictionary<(int, string), (string, string)>
        {
            [(0, "3．")] = ("到创建期末，统筹布局10个末端共同配送站，满足社区、高校、商务区等末端商品配送需求。", "LZ-STATIONS"),
            [(1, "（二）")] = ("到创建期末，纯电动及插电式混合动力城市配送货车保有量之和与新能源城市配送车辆可用充电桩总量的比值小于3∶1。", "LZ-NEV-CHARGER-RATIO"),
            [(2, "2．")] = ("到创建期末，城市配送车辆道路范围内停靠泊位数量不少于30个。", "LZ-BAYS"),
            [(3, "2．")] = ("到创建期末，引导全部试点企业搭建功能完善、数据互通的信息化企业平台。", "LZ-PILOT-PLATFORMS"),
            [(4, "1．")] = ("到创建期末，中心城区大型超市（卖场）、连锁店等商贸流通企业采用共同配送（集中配送、夜间配送）的比例达到50%以上。", "LZ-COMMON-DELIVERY"),
            [(5, "1．")] = ("到创建期末，通过中国物流与采购联合会认定的 AAA级(含)以上物流企业达到 1家(含)以上。", "LZ-AAA"),
        };

    /// <summary>
    /// The units of a bracket as written: （牵头单位：A、B；责任单位：C、D） gives A, B as leads and C, D as responsible;
    /// （A、B按职责分工负责） gives joint leads. The plan writes （牵头单位；…） once with a semicolon; a unit named twice counts once
    /// (as lead when it is both).
    /// </summary>
    public static IReadOnlyList<TaskUnitRef> ParseUnits(string? bracket)
    {
        var result = new List<TaskUnitRef>();
        if (string.IsNullOrWhiteSpace(bracket)) return result;
        var s = bracket.Trim().TrimStart('（', '(').TrimEnd('）', ')');
        string lead, responsible;
        var r = s.IndexOf("责任单位", StringComparison.Ordinal);
        if (s.StartsWith("牵头单位", StringComparison.Ordinal))
        {
            lead = r >= 0 ? s[4..r] : s[4..];
            responsible = r >= 0 ? s[(r + 4)..] : "";
        }
        else
        {
            lead = s.Replace("按职责分工负责", "", StringComparison.Ordinal);
            responsible = "";
        }
        Add(lead, TaskUnitRole.Lead);
        Add(responsible, TaskUnitRole.Responsible);
        return result;

        void Add(string part, TaskUnitRole role)
        {
            var hasTowns = part.Contains(TownsAndStreets, StringComparison.Ordinal);
            part = part.Replace(TownsAndStreets, "", StringComparison.Ordinal);
            foreach (var raw in part.Split(['、', '，', '；', '：', ',', ';', ':'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (result.All(x => x.Name != raw)) result.Add(new TaskUnitRef(raw, role));
            if (hasTowns && result.All(x => x.Name != TownsAndStreets)) result.Add(new TaskUnitRef(TownsAndStreets, role));
        }
    }

    /// <summary>A new campaign of the seed plan (no tasks; see <see cref="Tasks"/>).</summary>
    public static CampaignEntity Campaign() => new()
    {
        Name = Name, DocumentNumber = DocumentNumber, Goal = Goal, StartsOn = StartsOn, EndsOn = EndsOn,
        ReportDueDays = 7, ReminderDaysBefore = 2, IsActive = true,
    };
}
