using System.Diagnostics;
using Google.OrTools.ConstraintSolver;
using GreenFreight.Planning;
using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Bench;

/// <summary>
/// Google OR-Tools routing on the same instance: PATH_CHEAPEST_ARC first solution, GUIDED_LOCAL_SEARCH, the same time
/// limit, one thread. Arc costs and times are scaled integers (travel times rounded up and windows' ends down, so its
/// routes stay feasible with unrounded times); a fixed cost per vehicle larger than any distance makes the objective
/// hierarchical for VRPTW. Its routes are re-evaluated with our exact evaluator (distance unrounded / nint as the set says).
/// </summary>
static class OrTools
{
    public static (List<(int, int[])> Routes, double TimeToBest) Solve(ProblemData p, int vehicles, double seconds, bool timeWindows)
    {
        var n = p.NumClients + 1; // depot 0 + clients (locations are the same indices)
        var scale = timeWindows ? 1000.0 : 1.0;
        var manager = new RoutingIndexManager(n, vehicles, 0);
        var routing = new RoutingModel(manager);
        var dist = new long[n * n];
        var time = new long[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                dist[i * n + j] = (long)Math.Round(p.Dist(i, j) * scale);
                time[i * n + j] = (long)Math.Ceiling((p.Dur(i, j) + p.Service[i]) * scale - 1e-9);
            }
        var arc = routing.RegisterTransitCallback((long a, long b) => dist[manager.IndexToNode(a) * n + manager.IndexToNode(b)]);
        routing.SetArcCostEvaluatorOfAllVehicles(arc);
        var demand = routing.RegisterUnaryTransitCallback((long a) => (long)Math.Round(p.Weight[manager.IndexToNode(a)]));
        var caps = new long[vehicles];
        Array.Fill(caps, (long)p.VehicleTypes[0].WeightCapacity);
        routing.AddDimensionWithVehicleCapacity(demand, 0, caps, true, "Capacity");
        if (timeWindows)
        {
            var tcb = routing.RegisterTransitCallback((long a, long b) => time[manager.IndexToNode(a) * n + manager.IndexToNode(b)]);
            var horizon = (long)Math.Floor(p.TwLate[0] * scale);
            routing.AddDimension(tcb, horizon, horizon, false, "Time");
            var td = routing.GetMutableDimension("Time");
            for (var c = 1; c < n; c++)
                td.CumulVar(manager.NodeToIndex(c)).SetRange((long)Math.Ceiling(p.TwEarly[c] * scale - 1e-9), (long)Math.Floor(p.TwLate[c] * scale + 1e-9));
            for (var v = 0; v < vehicles; v++)
            {
                td.CumulVar(routing.Start(v)).SetRange((long)(p.TwEarly[0] * scale), horizon);
                td.CumulVar(routing.End(v)).SetRange((long)(p.TwEarly[0] * scale), horizon);
            }
            long total = 0;
            foreach (var d in dist) total = Math.Max(total, d);
            routing.SetFixedCostOfAllVehicles(total * n); // more than any route set's distance
        }
        var sw = Stopwatch.StartNew();
        var ttb = 0.0;
        routing.AddAtSolutionCallback(() => ttb = sw.Elapsed.TotalSeconds);
        var search = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        search.FirstSolutionStrategy = FirstSolutionStrategy.Types.Value.PathCheapestArc;
        search.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
        search.TimeLimit = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(seconds));
        var sol = routing.SolveWithParameters(search);
        var routes = new List<(int, int[])>();
        if (sol is null) return (routes, ttb);
        for (var v = 0; v < vehicles; v++)
        {
            var list = new List<int>();
            var idx = routing.Start(v);
            idx = sol.Value(routing.NextVar(idx));
            while (!routing.IsEnd(idx))
            {
                list.Add(manager.IndexToNode(idx));
                idx = sol.Value(routing.NextVar(idx));
            }
            if (list.Count > 0) routes.Add((0, [.. list]));
        }
        return (routes, ttb);
    }
}
