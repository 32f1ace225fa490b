using GreenFreight.Domain.Registry;

namespace GreenFreight.Domain.Seed;

/// <summary>
/// The campaign's units as named in the seed work plan (临政办字〔2023〕25号, annex 绿色货运配送创建工作机制):
/// the leading group office, the 16 member units and the towns/streets of Linzi. Duties are the annex text, verbatim.
/// </summary>
public static class OrgUnitSeed
{
    /// <summary>Code of the leading group office (领导小组办公室).</summary>
    public const string OfficeCode = "OFFICE";

    /// <summary>Duties of the towns and streets (annex, 成员单位职责 item 17 各镇、街道).</summary>
    public const string TownDuties = "依据职责分工，结合本辖区实际情况，配合其他部门做好创建工作。";

    /// <summary>Duties of the leading group office: where it sits, then the annex's （二）办公室职责 items 1–6, one per line.</summary>
    public const string OfficeDuties =
        "领导小组办公室设在区交通运输局，是领导小组的执行机构，负责具体的日常工作和协调事务。\n" +
        "1．组织召开领导小组会议，制定会议议程并整理形成会议纪要；\n" +
        "2．负责绿色货运配送创建相关文件的起草、发布和归档；\n" +
        "3．收集、整理和分析与绿色货运配送创建相关的数据和信息；\n" +
        "4．协调各部门、企业和社会组织的合作，推动工作顺利进行；\n" +
        "5．定期调度、督导各成员单位工作开展情况；\n" +
        "6．宣传推广绿色货运配送创建的理念和成果，提升社会认知度。";

    static readonly (string Code, string Name, string NameEn, string Duties)[] Members =
    [
        ("FGJ", "区发改局", "District Development and Reform Bureau",
            "配合市里做好货运枢纽节点、公共配送中心的认定、考核及功能建设；做好新能源城市配送车辆推广应用，落实好淄博市新能源城市配送车辆奖补实施方案，支持新能源城市配送车辆更新、运营，完善充电桩设施建设，确保新能源城市配送车辆保有量与可用充电桩总量比值小于3:1；牵头积极培育“AAA”级（含）以上物流企业。依据部门职责分工，配合其他部门做好创建工作。"),
        ("GXJ", "区工信局", "District Bureau of Industry and Information Technology",
            "配合上级部门，做好新能源城市配送车辆的推广应用工作。"),
        ("JJDD", "临淄交警大队", "Linzi Traffic Police Brigade",
            "负责制定城市配送车辆便利通行政策和停放管理方案；配合做好新能源城市配送车辆的奖补工作；配合做好快递车辆规范管理工作；配合做好城市绿色货运配送公共信息服务平台建设、运行工作；配合做好试点企业认定、考核工作；配合做好城市配送车辆相关数据的采集、统计工作。依据部门职责分工，配合其他部门做好创建工作。"),
        ("CZJ", "区财政局", "District Finance Bureau",
            "依据部门职责分工，配合其他部门做好创建工作。"),
        ("ZRZYJ", "区自然资源局", "District Natural Resources Bureau",
            "结合市国土空间规划，做好公共配送中心的用地保障。依据部门职责分工，配合其他部门做好创建工作。"),
        ("GHGLBGS", "临淄规划管理办公室", "Linzi Planning Administration Office",
            "配合做好城市货运配送枢纽设施规划建设及公共充电桩设施规划工作。依据部门职责分工，配合其他部门做好创建工作。"),
        ("STHJFJ", "临淄生态环境分局", "Linzi Branch of the Ecology and Environment Bureau",
            "依据部门职责分工，配合其他部门做好创建工作。"),
        ("ZJJ", "区住建局", "District Housing and Urban-Rural Development Bureau",
            "配合做好城市货运配送枢纽设施及公共充电桩设施建设工作。依据部门职责分工，配合其他部门做好创建工作。"),
        ("JTYSJ", "区交通运输局", "District Transport Bureau",
            "牵头做好城市绿色货运配送公共信息服务平台对接、运行工作；牵头做好试点企业认定、考核工作；牵头做好城市绿色配送运力调配及货运配送需求调查；配合做好货运枢纽节点、公共配送中心的认定、考核及功能建设；配合做好新能源城市配送车辆推广应用及奖补实施方案工作，做好新能源城市配送车辆更新、运营及配套基础设施建设，引导快递三轮车逐步更新为低、高速微型厢式新能源物流车；做好共同配送模式推广应用工作；配合做好“AAA”级（含）以上物流企业的培育工作；做好快递行业末端共同配送站认定、考核及功能建设工作；落实城市配送通行便利政策；配合做好试点企业认定、考核工作；配合做好城市配送企业货运量、货运需求等数据的采集、统计工作。依据部门职责分工，配合其他部门做好创建工作。"),
        ("SWJ", "区商务局", "District Commerce Bureau",
            "做好共同配送模式在商贸行业的推广应用工作；配合市级部门做好商贸行业末端共同配送站认定、考核及功能建设工作；配合做好货运枢纽节点、公共配送中心的认定、考核及功能建设工作；配合做好新能源城市配送车辆推广应用及奖补实施方案工作；配合做好城市绿色货运配送公共信息服务平台建设、运行工作；配合做好“AAA”级（含）以上物流企业的培育工作；配合做好试点企业认定、考核工作；配合做好城市配送企业货运量、货运需求等数据的采集、统计工作。依据部门职责分工，配合其他部门做好创建工作。"),
        ("SCJGJ", "区市场监管局", "District Market Supervision Administration",
            "按照相关法律和价格政策，查处绿色货运配送相关领域的价格违法违规行为。依据部门职责分工，配合其他部门做好创建工作。"),
        ("DSJZX", "区大数据中心", "District Big Data Center",
            "负责做好城市绿色货运配送公共信息服务平台服务保障和技术支持等工作。依据部门职责分工，配合其他部门做好创建工作。"),
        ("ZHZFJ", "区综合执法局", "District Comprehensive Law Enforcement Bureau",
            "协调做好绿色配送车辆在我区智慧停车项目范围内免费限时停放工作。依据部门职责分工，配合其他部门做好创建工作。"),
        ("TZCJZX", "区投资促进中心", "District Investment Promotion Center",
            "负责做好物流相关类企业的引进培育工作。依据部门职责分工，配合其他部门做好创建工作。"),
        ("GXS", "区供销社", "District Supply and Marketing Cooperative",
            "做好共同配送模式在供销行业的推广应用工作；做好供销行业末端共同配送站认定、考核及功能建设工作；配合做好新能源城市配送车辆的推广应用；配合做好城市绿色货运配送公共信息服务平台建设、运行工作。依据部门职责分工，配合其他部门做好创建工作。"),
        ("GDZX", "临淄供电中心", "Linzi Power Supply Center",
            "协助做好新能源绿色配送车辆充电桩配套建设、运营工作，配合其他部门做好创建工作。"),
    ];

    static readonly (string Code, string Name, string NameEn)[] Towns =
    [
        ("XDJD", "辛店街道", "Xindian Subdistrict"),
        ("JXJD", "稷下街道", "Jixia Subdistrict"),
        ("QLJD", "齐陵街道", "Qiling Subdistrict"),
        ("WSJD", "闻韶街道", "Wenshao Subdistrict"),
        ("XGJD", "雪宫街道", "Xuegong Subdistrict"),
        ("QDZ", "齐都镇", "Qidu Town"),
        ("HCZ", "皇城镇", "Huangcheng Town"),
        ("JZZ", "敬仲镇", "Jingzhong Town"),
        ("ZTZ", "朱台镇", "Zhutai Town"),
        ("FHZ", "凤凰镇", "Fenghuang Town"),
        ("JLZ", "金岭回族镇", "Jinling Hui Ethnic Town"),
        ("JSZ", "金山镇", "Jinshan Town"),
    ];

    /// <summary>
    /// New instances (Id = 0) of all units: the office (SortOrder 0), the member units in the annex's order
    /// (SortOrder 1–16, the annex item numbers) and the towns/streets (SortOrder 17–28).
    /// </summary>
    public static IReadOnlyList<OrgUnit> All()
    {
        var list = new List<OrgUnit>(1 + Members.Length + Towns.Length)
        {
            new()
            {
                Code = OfficeCode,
                Name = "领导小组办公室",
                NameEn = "Office of the Leading Group (at the District Transport Bureau)",
                Kind = UnitKind.LeadingGroupOffice,
                Duties = OfficeDuties,
                SortOrder = 0,
            },
        };
        var order = 1;
        foreach (var (code, name, nameEn, duties) in Members)
            list.Add(new OrgUnit { Code = code, Name = name, NameEn = nameEn, Kind = UnitKind.MemberUnit, Duties = duties, SortOrder = order++ });
        foreach (var (code, name, nameEn) in Towns)
            list.Add(new OrgUnit { Code = code, Name = name, NameEn = nameEn, Kind = UnitKind.TownOrStreet, Duties = TownDuties, SortOrder = order++ });
        return list;
    }
}
