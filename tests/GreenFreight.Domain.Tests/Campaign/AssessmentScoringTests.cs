using GreenFreight.Domain.Campaign;

namespace GreenFreight.Domain.Tests.Campaign;

public sealed class AssessmentScoringTests
{
    static UnitInputs Unit(int id, string name, decimal? onTime, decimal? tasks, decimal? indicators, decimal? m1 = null, decimal? m2 = null) =>
        new(id, name, new Dictionary<AssessmentSource, decimal?>
        {
            [AssessmentSource.OnTimeReports] = onTime, [AssessmentSource.TaskCompletion] = tasks, [AssessmentSource.IndicatorContribution] = indicators,
        }, new Dictionary<string, decimal?> { ["M1"] = m1, ["M2"] = m2 }, null);

    [Fact]
    public void Default_scheme_weights_sum_to_100_and_pass_the_checks()
    {
        var items = AssessmentScoring.DefaultItems();
        Assert.Equal(100m, items.Sum(i => i.Weight));
        Assert.Empty(AssessmentScoring.Check(items));
        Assert.Equal(3, items.Count(i => i.Source != AssessmentSource.Manual));
    }

    [Fact]
    public void Linear_items_scale_the_weight_and_steps_take_the_highest_step_reached()
    {
        var linear = new AssessmentItem { Code = "A", Weight = 25, Rule = ScoringRule.Linear };
        Assert.Equal(18.75m, AssessmentScoring.Points(linear, 0.75m));
        Assert.Equal(25m, AssessmentScoring.Points(linear, 1.3m));   // clamped
        Assert.Equal(0m, AssessmentScoring.Points(linear, null));
        var steps = new AssessmentItem { Code = "B", Weight = 30, Rule = ScoringRule.Steps, Steps = "1:1;0.9:0.9;0.8:0.8;0.6:0.6" };
        Assert.Equal(30m, AssessmentScoring.Points(steps, 1m));
        Assert.Equal(24m, AssessmentScoring.Points(steps, 0.89m));
        Assert.Equal(18m, AssessmentScoring.Points(steps, 0.6m));
        Assert.Equal(0m, AssessmentScoring.Points(steps, 0.59m));
    }

    [Fact]
    public void Units_are_ranked_by_total_and_ties_share_a_rank()
    {
        var items = AssessmentScoring.DefaultItems();
        var results = AssessmentScoring.Score(items,
        [
            Unit(1, "区商务局", 1m, 1m, 0.5m, 10, 5),        // 25 + 30 + 10 + 10 + 5 = 80
            Unit(2, "区交通运输局", 1m, 0.95m, 1m, 15, 10),  // 25 + 27 + 20 + 15 + 10 = 97
            Unit(3, "区发改局", 0.75m, 1m, 0.75m, 12, 10),   // 18.75 + 30 + 15 + 12 + 10 = 85.75
            Unit(4, "区财政局", 1m, 1m, 0.5m, 12, 3),        // 25 + 30 + 10 + 12 + 3 = 80
            Unit(5, "区供销社", null, null, null),           // 0
        ]);
        Assert.Equal(["区交通运输局", "区发改局", "区商务局", "区财政局", "区供销社"], results.Select(r => r.UnitName).ToArray());
        Assert.Equal([97m, 85.75m, 80m, 80m, 0m], results.Select(r => r.Total).ToArray());
        Assert.Equal([1, 2, 3, 3, 5], results.Select(r => r.Rank).ToArray());
        var none = results[^1];
        Assert.All(none.Items, i => Assert.Equal(0m, i.Points));
        Assert.Equal("未评分", none.Items.Single(i => i.Code == "M1").Note);
        Assert.Equal("无数据", none.Items.Single(i => i.Code == "A1").Note);
    }

    [Fact]
    public void Manual_points_are_capped_at_the_weight_and_bad_schemes_are_refused()
    {
        var items = AssessmentScoring.DefaultItems();
        var r = AssessmentScoring.Score(items, [Unit(1, "区工信局", 0, 0, 0, m1: 40)]).Single();
        Assert.Equal(15m, r.Total);
        items[0].Weight = 30;
        Assert.Contains(("items", "assessment.weight.total"), AssessmentScoring.Check(items));
        items[0].Weight = 25;
        items[1].Steps = "1:2";
        Assert.Contains(("items", "assessment.steps.format"), AssessmentScoring.Check(items));
        items[1].Steps = "1:1";
        items[4].Code = "M1";
        Assert.Contains(("items", "assessment.items.duplicate"), AssessmentScoring.Check(items));
    }
}
