using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Evaluation;

/// <summary>Penalised cost of routes during the search: objective cost plus penalties per unit of excess load (per
/// dimension) and of time violation (time warp, over max duration or driving time, EV range shortfall).</summary>
public sealed class CostEvaluator
{
    public double WeightPenalty { get; set; } = 1;
    public double VolumePenalty { get; set; } = 1;
    public double TimePenalty { get; set; } = 1;
    /// <summary>Per-vehicle-type fixed cost used by the search (0 in the distance phase of the hierarchical objective).</summary>
    public readonly double[] FixedCost;
    public readonly double[] CostPerDistance;
    public readonly double[] CostPerDuration;

    public CostEvaluator(ProblemData p)
    {
        var n = p.VehicleTypes.Count;
        FixedCost = new double[n]; CostPerDistance = new double[n]; CostPerDuration = new double[n];
        for (var t = 0; t < n; t++)
        {
            var vt = p.VehicleTypes[t];
            FixedCost[t] = p.Objective == Objective.Hierarchical ? 0 : vt.FixedCost;
            CostPerDistance[t] = vt.CostPerDistance;
            CostPerDuration[t] = p.Objective == Objective.Hierarchical ? 0 : vt.CostPerDuration;
        }
    }

    public CostEvaluator Clone(double factor = 1)
    {
        var c = (CostEvaluator)MemberwiseClone();
        c.WeightPenalty *= factor; c.VolumePenalty *= factor; c.TimePenalty *= factor;
        return c;
    }

    /// <summary>Penalised cost of an exactly evaluated route; collected prizes count negative.</summary>
    public double Cost(ProblemData p, int type, in RouteStats s)
    {
        if (s.Clients == 0) return 0;
        if (s.NotServable > 0) return double.PositiveInfinity;
        var vt = p.VehicleTypes[type];
        return FixedCost[type] + CostPerDistance[type] * s.Distance + CostPerDuration[type] * s.Duration
            + WeightPenalty * s.ExcessWeight + VolumePenalty * s.ExcessVolume
            + TimePenalty * (s.TimeViolation + s.RangeShortfall) - s.Prize + p.ReassignCost * s.ReassignCount;
    }
}
