using System.Globalization;
using GreenFreight.Domain.Registry;

namespace GreenFreight.Domain.Campaign;

/// <summary>Where an assessment item's score comes from.</summary>
public enum AssessmentSource
{
    /// <summary>Share of the year's quarterly reports submitted by their due date (automatic).</summary>
    OnTimeReports,
    /// <summary>Share of the unit's tasks reported completed, and of its meeting action items done (automatic).</summary>
    TaskCompletion,
    /// <summary>Share of the indicators the unit owns that have a value and meet their target where they have one (automatic).</summary>
    IndicatorContribution,
    /// <summary>Scored by the office.</summary>
    Manual,
}

/// <summary>How a ratio (0–1) becomes points.</summary>
public enum ScoringRule
{
    /// <summary>points = weight × ratio.</summary>
    Linear,
    /// <summary>points = weight × the factor of the highest step the ratio reaches (<see cref="AssessmentItem.Steps"/>).</summary>
    Steps,
}

/// <summary>An annual assessment scheme (考核评估方案): items with weights and scoring rules, as data.</summary>
public sealed class AssessmentScheme : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int Year { get; set; }
    public string Name { get; set; } = "";
    /// <summary>When the office published the results to the units; null while a draft.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    public List<AssessmentItem> Items { get; set; } = [];
}

public sealed class AssessmentItem : IAudited
{
    public int Id { get; set; }
    public int SchemeId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Maximum points of the item.</summary>
    public decimal Weight { get; set; }
    public AssessmentSource Source { get; set; }
    public ScoringRule Rule { get; set; }
    /// <summary>For <see cref="ScoringRule.Steps"/>: "threshold:factor" pairs separated by ';', e.g. "1:1;0.9:0.8;0.6:0.5".</summary>
    public string? Steps { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>A manual item's points for a unit, or (ItemId null) the office's comment on the unit.</summary>
public sealed class AssessmentScore : IAudited
{
    public int Id { get; set; }
    public int SchemeId { get; set; }
    public int UnitId { get; set; }
    public int? ItemId { get; set; }
    public decimal? Points { get; set; }
    public string? Comment { get; set; }
    public string ScoredBy { get; set; } = "";
}

/// <summary>One unit's score on one item.</summary>
public sealed record ItemScore(string Code, decimal? Ratio, decimal Points, decimal Weight, string? Note);

/// <summary>One unit's result: items, total and rank (1 = best; equal totals share a rank: 1, 2, 2, 4).</summary>
public sealed record UnitResult(int UnitId, string UnitName, IReadOnlyList<ItemScore> Items, decimal Total, int Rank, string? Comment);

/// <summary>The inputs of one unit: the ratios of the automatic items, the points of the manual ones.</summary>
public sealed record UnitInputs(int UnitId, string UnitName, IReadOnlyDictionary<AssessmentSource, decimal?> Ratios, IReadOnlyDictionary<string, decimal?> ManualPoints, string? Comment);

/// <summary>Pure scoring of an assessment scheme: items' points, totals, ranking with ties.</summary>
public static class AssessmentScoring
{
    /// <summary>Parses "threshold:factor;…" steps; null when malformed (thresholds and factors 0–1).</summary>
    public static IReadOnlyList<(decimal Threshold, decimal Factor)>? ParseSteps(string? steps)
    {
        if (string.IsNullOrWhiteSpace(steps)) return null;
        var list = new List<(decimal, decimal)>();
        foreach (var part in steps.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split(':');
            if (kv.Length != 2 || !decimal.TryParse(kv[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var t)
                || !decimal.TryParse(kv[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var f) || t is < 0 or > 1 || f is < 0 or > 1) return null;
            list.Add((t, f));
        }
        return list.OrderByDescending(s => s.Item1).ToList();
    }

    /// <summary>Points of an automatic item for a ratio (clamped to 0–1); a missing ratio scores 0.</summary>
    public static decimal Points(AssessmentItem item, decimal? ratio)
    {
        if (ratio is not { } r) return 0;
        r = Math.Clamp(r, 0, 1);
        var factor = item.Rule switch
        {
            ScoringRule.Steps => ParseSteps(item.Steps)?.FirstOrDefault(s => r >= s.Threshold).Factor ?? 0,
            _ => r,
        };
        return Math.Round(item.Weight * factor, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Scores every unit and ranks them by total (descending); equal totals share the rank (competition ranking).</summary>
    public static IReadOnlyList<UnitResult> Score(IReadOnlyList<AssessmentItem> items, IEnumerable<UnitInputs> units)
    {
        var ordered = items.OrderBy(i => i.SortOrder).ThenBy(i => i.Code).ToList();
        var scored = units.Select(u =>
        {
            var list = ordered.Select(i =>
            {
                if (i.Source == AssessmentSource.Manual)
                {
                    var p = u.ManualPoints.GetValueOrDefault(i.Code);
                    return new ItemScore(i.Code, null, p is { } v ? Math.Clamp(v, 0, i.Weight) : 0, i.Weight, p is null ? "未评分" : null);
                }
                var ratio = u.Ratios.GetValueOrDefault(i.Source);
                return new ItemScore(i.Code, ratio, Points(i, ratio), i.Weight, ratio is null ? "无数据" : null);
            }).ToList();
            return (u, list, total: list.Sum(s => s.Points));
        }).OrderByDescending(x => x.total).ThenBy(x => x.u.UnitName, StringComparer.Ordinal).ToList();

        var results = new List<UnitResult>(scored.Count);
        for (var i = 0; i < scored.Count; i++)
        {
            var rank = i > 0 && scored[i].total == scored[i - 1].total ? results[i - 1].Rank : i + 1;
            results.Add(new UnitResult(scored[i].u.UnitId, scored[i].u.UnitName, scored[i].list, scored[i].total, rank, scored[i].u.Comment));
        }
        return results;
    }

    /// <summary>Checks a scheme's items: codes unique, weights positive and summing to 100, steps well formed.</summary>
    public static IEnumerable<(string Field, string Key)> Check(IReadOnlyList<AssessmentItem> items)
    {
        if (items.Count == 0) yield return ("items", "assessment.items.required");
        if (items.GroupBy(i => i.Code).Any(g => g.Count() > 1)) yield return ("items", "assessment.items.duplicate");
        if (items.Any(i => i.Weight <= 0)) yield return ("items", "assessment.weight.positive");
        if (items.Count > 0 && items.Sum(i => i.Weight) != 100) yield return ("items", "assessment.weight.total");
        if (items.Any(i => i.Rule == ScoringRule.Steps && ParseSteps(i.Steps) is null)) yield return ("items", "assessment.steps.format");
    }

    /// <summary>The default scheme of a year: three automatic items and two scored by the office (100 points).</summary>
    public static List<AssessmentItem> DefaultItems() =>
    [
        new() { Code = "A1", Name = "季度工作情况按时报送率", Weight = 25, Source = AssessmentSource.OnTimeReports, Rule = ScoringRule.Linear, SortOrder = 1 },
        new() { Code = "A2", Name = "重点任务及会议议定事项完成情况", Weight = 30, Source = AssessmentSource.TaskCompletion, Rule = ScoringRule.Steps, Steps = "1:1;0.9:0.9;0.8:0.8;0.6:0.6;0:0", SortOrder = 2 },
        new() { Code = "A3", Name = "负责指标的数据填报与目标达成", Weight = 20, Source = AssessmentSource.IndicatorContribution, Rule = ScoringRule.Linear, SortOrder = 3 },
        new() { Code = "M1", Name = "协同配合与信息报送质量（办公室评分）", Weight = 15, Source = AssessmentSource.Manual, Rule = ScoringRule.Linear, SortOrder = 4 },
        new() { Code = "M2", Name = "创新做法与工作成效（办公室评分）", Weight = 10, Source = AssessmentSource.Manual, Rule = ScoringRule.Linear, SortOrder = 5 },
    ];
}
