using GreenFreight.Domain.Registry;

namespace GreenFreight.Domain.Indicators;

public enum IndicatorValueKind
{
    /// <summary>是/否</summary>
    YesNo,
    Integer,
    /// <summary>Number with two decimals (e.g. yuan).</summary>
    Decimal2,
    Percent,
    /// <summary>Plain ratio such as 2.35 (: 1).</summary>
    Ratio,
    /// <summary>有/无 + attachment.</summary>
    HasWithAttachment,
    /// <summary>有/无 only.</summary>
    Has,
    /// <summary>有/无 + function checklist.</summary>
    HasWithChecklist,
}

public enum IndicatorSource
{
    /// <summary>Computed from the platform's records.</summary>
    Computed,
    /// <summary>Entered by the owning unit with evidence attachments.</summary>
    Manual,
}

public enum TargetComparison
{
    GreaterOrEqual,
    Greater,
    LessOrEqual,
    Less,
    Equal,
}

/// <summary>An indicator definition. Definitions are data: sets, levels and weights live in the database.</summary>
public sealed class IndicatorDefinition : IAudited
{
    public int Id { get; set; }
    /// <summary><c>M01</c>…<c>M32</c> (ministry form) or <c>LZ-…</c> (Linzi's targets).</summary>
    public string Code { get; set; } = "";
    /// <summary>Indicator set, e.g. <c>MOT</c> (ministry form) or <c>LINZI</c> (Linzi's six targets).</summary>
    public string SetCode { get; set; } = "";
    /// <summary>Row number on its form (1…32 for the ministry's form).</summary>
    public int No { get; set; }
    public string Category { get; set; } = "";
    public string CategoryEn { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public IndicatorValueKind Kind { get; set; }
    /// <summary>Unit of the value (个, 辆, 元, %), or null.</summary>
    public string? Unit { get; set; }
    public TargetComparison? TargetComparison { get; set; }
    public decimal? TargetValue { get; set; }
    public IndicatorSource Source { get; set; }
    /// <summary>Key of the calculator for a computed indicator (see <see cref="IndicatorCalculators"/>).</summary>
    public string? Calculator { get; set; }
    /// <summary>Options of a checklist indicator, separated by '、'.</summary>
    public string? ChecklistOptions { get; set; }
    /// <summary>How the value is obtained (计算口径), shown next to the value.</summary>
    public string? Method { get; set; }
    public int? OwnerUnitId { get; set; }
    public OrgUnit? OwnerUnit { get; set; }
    /// <summary>Level in a two-level scheme (GB/T 45096-2024 style); null when not used.</summary>
    public int? Level { get; set; }
    public string? ParentCode { get; set; }
    public decimal? Weight { get; set; }
    public int SortOrder { get; set; }

    public bool HasTarget => TargetComparison is not null && TargetValue is not null;

    /// <summary>Whether <paramref name="value"/> meets the target; null where there is no target or no value.</summary>
    public bool? Meets(decimal? value)
    {
        if (!HasTarget || value is not { } v) return null;
        var t = TargetValue!.Value;
        return TargetComparison switch
        {
            Indicators.TargetComparison.GreaterOrEqual => v >= t,
            Indicators.TargetComparison.Greater => v > t,
            Indicators.TargetComparison.LessOrEqual => v <= t,
            Indicators.TargetComparison.Less => v < t,
            Indicators.TargetComparison.Equal => v == t,
            _ => null,
        };
    }

    public IReadOnlyList<string> Checklist =>
        string.IsNullOrWhiteSpace(ChecklistOptions) ? [] : ChecklistOptions.Split('、', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Whether an indicator entry counts. Only entries <see cref="InForce"/> are evaluated (indicators, trend, ministry form).</summary>
public enum IndicatorEntryStatus
{
    /// <summary>Counts from its <see cref="IndicatorEntry.AsOf"/> date (entered directly, or by a submitted report).</summary>
    InForce,
    /// <summary>Entered with evidence in a quarterly report not yet submitted: counts once the report is submitted.</summary>
    Pending,
    /// <summary>Its report was returned by the office: does not count until the report is submitted again.</summary>
    Withdrawn,
}

/// <summary>A value entered by a unit for a manual indicator, in force from <see cref="AsOf"/>.</summary>
public sealed class IndicatorEntry : IAudited
{
    public int Id { get; set; }
    public int DefinitionId { get; set; }
    public IndicatorDefinition? Definition { get; set; }
    public DateOnly AsOf { get; set; }
    /// <summary>Numeric value; for yes/no and has/has-not kinds 1 = yes/has, 0 = no/has not.</summary>
    public decimal? Value { get; set; }
    /// <summary>Checked options of a checklist indicator, separated by '、'.</summary>
    public string? Checked { get; set; }
    public string? Description { get; set; }
    public int? UnitId { get; set; }
    public string EnteredBy { get; set; } = "";
    public DateTimeOffset EnteredAt { get; set; }
    public IndicatorEntryStatus Status { get; set; }
    public List<EvidenceAttachment> Attachments { get; set; } = [];
}

/// <summary>An evidence file attached to a manual indicator entry. Stored in the database so app instances stay stateless.</summary>
public sealed class EvidenceAttachment
{
    public int Id { get; set; }
    public int EntryId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }
}
