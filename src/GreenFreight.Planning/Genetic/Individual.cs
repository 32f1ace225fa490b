using GreenFreight.Planning.Evaluation;
using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Genetic;

/// <summary>A solution in the population: routes as (vehicle type, client locations), with what is needed to recompute its
/// penalised cost under any penalties, and predecessor / successor arrays for the broken-pairs distance.</summary>
internal sealed class Individual
{
    public readonly (int Type, int[] Clients)[] Routes;
    /// <summary>Objective cost without penalties (hierarchical: distance); uncollected prizes included.</summary>
    public readonly double Objective;
    public readonly double Distance;
    public readonly double ExcessWeight, ExcessVolume, TimeViolation;
    public readonly int MissingRequired, NotServable;
    public readonly bool Feasible;
    public readonly int[] Succ, Pred; // by location; −1 = depot, −2 = unassigned
    public double Fitness;
    public readonly List<(double Distance, Individual Other)> Close = [];

    public int NumRoutes => Routes.Length;

    public Individual(ProblemData p, CostEvaluator ce, RouteEvaluator exact, List<(int Type, int[] Clients)> routes)
    {
        Routes = [.. routes];
        Succ = new int[p.Dim]; Pred = new int[p.Dim];
        Array.Fill(Succ, -2); Array.Fill(Pred, -2);
        double obj = 0, dist = 0, ew = 0, ev = 0, tv = 0;
        var notServable = 0;
        foreach (var (type, cl) in Routes)
        {
            var st = p.NeedsExact ? exact.Evaluate(type, cl) : FastStats(p, type, cl);
            obj += ce.FixedCost[type] + ce.CostPerDistance[type] * st.Distance + ce.CostPerDuration[type] * st.Duration
                + p.ReassignCost * st.ReassignCount - st.Prize;
            dist += st.Distance;
            ew += st.ExcessWeight; ev += st.ExcessVolume; tv += st.TimeViolation + st.RangeShortfall;
            notServable += st.NotServable;
            for (var i = 0; i < cl.Length; i++)
            {
                Pred[cl[i]] = i == 0 ? -1 : cl[i - 1];
                Succ[cl[i]] = i == cl.Length - 1 ? -1 : cl[i + 1];
            }
        }
        var missing = 0;
        for (var c = p.FirstClient; c < p.FirstCharger; c++)
        {
            obj += p.Prize[c];
            if (Succ[c] == -2 && p.Required[c]) missing++;
        }
        Objective = obj; Distance = dist; ExcessWeight = ew; ExcessVolume = ev; TimeViolation = tv;
        MissingRequired = missing; NotServable = notServable;
        Feasible = ew <= 1e-9 && ev <= 1e-9 && tv <= 1e-9 && missing == 0 && notServable == 0;
    }

    public bool LoadFeasible => ExcessWeight <= 1e-9 && ExcessVolume <= 1e-9;
    public bool TimeFeasible => TimeViolation <= 1e-9;

    public double PenalisedCost(CostEvaluator ce) =>
        Objective + ce.WeightPenalty * ExcessWeight + ce.VolumePenalty * ExcessVolume + ce.TimePenalty * TimeViolation
        + 1e7 * (MissingRequired + NotServable);

    /// <summary>Route statistics with duration segments (the search's own model when no exact evaluation is needed).</summary>
    public static RouteStats FastStats(ProblemData p, int type, int[] clients)
    {
        var vt = p.VehicleTypes[type];
        var st = new RouteStats { Clients = clients.Length, Trips = clients.Length > 0 ? 1 : 0 };
        if (clients.Length == 0) return st;
        var dim = p.Dim;
        var seg = DurationSegment.Visit(0, Math.Max(vt.ShiftStart, p.TwEarly[vt.StartDepot]), Math.Min(vt.ShiftEnd, p.TwLate[vt.StartDepot]));
        var prev = vt.StartDepot;
        double dist = 0, w = 0, v = 0;
        foreach (var c in clients)
        {
            dist += p.Distance[prev * dim + c];
            seg = DurationSegment.Merge(seg, DurationSegment.Visit(p.Service[c], p.TwEarly[c], p.TwLate[c]), p.Duration[prev * dim + c]);
            w += p.Weight[c]; v += p.Volume[c]; st.Prize += p.Prize[c];
            if (p.HasRestrictions && !p.CanServe[type * dim + c]) st.NotServable++;
            if (p.HasPrevious && p.PreviousType[c] >= 0 && p.PreviousType[c] != type) st.ReassignCount++;
            prev = c;
        }
        dist += p.Distance[prev * dim + vt.EndDepot];
        seg = DurationSegment.Merge(seg, DurationSegment.Visit(0, p.TwEarly[vt.EndDepot], Math.Min(vt.ShiftEnd, p.TwLate[vt.EndDepot])), p.Duration[prev * dim + vt.EndDepot]);
        st.Distance = dist; st.Duration = seg.Duration; st.TimeWarp = seg.TimeWarp;
        st.ExcessDuration = Math.Max(seg.Duration - vt.MaxDuration, 0);
        st.Weight = w; st.Volume = v;
        st.ExcessWeight = Math.Max(w - vt.WeightCapacity, 0); st.ExcessVolume = Math.Max(v - vt.VolumeCapacity, 0);
        return st;
    }

    /// <summary>Broken-pairs distance in [0, 1]: the share of clients whose neighbours differ.</summary>
    public double BrokenPairs(Individual o, int firstClient, int endClient)
    {
        var broken = 0;
        for (var c = firstClient; c < endClient; c++)
        {
            if (Succ[c] != o.Succ[c] && Succ[c] != o.Pred[c]) broken++;
            if (Pred[c] == -1 && o.Pred[c] != -1 && o.Succ[c] != -1) broken++;
        }
        return broken / (double)Math.Max(endClient - firstClient, 1);
    }
}
