using GreenFreight.Planning.Evaluation;
using GreenFreight.Planning.Model;

namespace GreenFreight.Planning;

/// <summary>A vehicle's route: its type, the client locations in order, and what the exact evaluator says of it.</summary>
public sealed class Route
{
    public int VehicleType { get; }
    /// <summary>Client locations (see <see cref="ProblemData"/>) in visiting order.</summary>
    public int[] Clients { get; }
    public RouteStats Stats { get; }

    internal Route(int vehicleType, int[] clients, RouteStats stats)
    {
        VehicleType = vehicleType; Clients = clients; Stats = stats;
    }
}

/// <summary>A complete plan, evaluated exactly. Immutable.</summary>
public sealed class Solution
{
    public ProblemData Problem { get; }
    public IReadOnlyList<Route> Routes { get; }
    /// <summary>Client locations that no route visits (optional ones left out, or required ones missing).</summary>
    public IReadOnlyList<int> Unassigned { get; }
    public int Vehicles => Routes.Count;
    public double Distance { get; }
    public double Duration { get; }
    /// <summary>Objective cost: fixed + distance + duration costs of the vehicles, prizes of the optional clients left
    /// out, and the re-planning cost of clients moved away from their previous vehicle.</summary>
    public double Cost { get; }
    public int MissingRequired { get; }
    /// <summary>Routes used beyond a vehicle type's count.</summary>
    public int ExcessVehicles { get; }
    /// <summary>Fixed stops (re-planning) not at the start of their vehicle's route in order.</summary>
    public int FixedStopViolations { get; }
    public bool Feasible { get; }

    Solution(ProblemData problem, Route[] routes, int[] unassigned, int missing, int excessVehicles, int fixedViolations)
    {
        Problem = problem; Routes = routes; Unassigned = unassigned; MissingRequired = missing; ExcessVehicles = excessVehicles;
        FixedStopViolations = fixedViolations;
        double dist = 0, dur = 0, cost = 0;
        var feasible = missing == 0 && excessVehicles == 0 && fixedViolations == 0;
        foreach (var r in routes)
        {
            var vt = problem.VehicleTypes[r.VehicleType];
            dist += r.Stats.Distance; dur += r.Stats.Duration;
            cost += vt.FixedCost + vt.CostPerDistance * r.Stats.Distance + vt.CostPerDuration * r.Stats.Duration + problem.ReassignCost * r.Stats.ReassignCount;
            feasible &= r.Stats.Feasible;
        }
        foreach (var u in unassigned) cost += problem.Prize[u];
        Distance = dist; Duration = dur; Cost = cost; Feasible = feasible;
    }

    /// <summary>Evaluates routes given as (vehicle type, client locations). Empty routes are dropped. Throws
    /// <see cref="ArgumentException"/> when a location is not a client or a client is visited twice.</summary>
    public static Solution Create(ProblemData problem, IEnumerable<(int VehicleType, int[] Clients)> routes)
    {
        var ev = new RouteEvaluator(problem);
        var seen = new bool[problem.Dim];
        var list = new List<Route>();
        var used = new int[problem.VehicleTypes.Count];
        var fixedViolations = 0;
        var typesSeen = new bool[problem.VehicleTypes.Count];
        foreach (var (type, clients) in routes)
        {
            if (type < 0 || type >= problem.VehicleTypes.Count) throw new ArgumentException($"vehicle type {type} does not exist");
            foreach (var c in clients)
            {
                if (!problem.IsClient(c)) throw new ArgumentException($"location {c} is not a client");
                if (seen[c]) throw new ArgumentException($"client {problem.ClientAt(c).Id} is visited twice");
                seen[c] = true;
            }
            if (clients.Length == 0) continue;
            used[type]++;
            if (problem.FixedStops[type] is { } fx && !typesSeen[type])
            {
                for (var i = 0; i < fx.Length; i++)
                    if (i >= clients.Length || clients[i] != fx[i]) fixedViolations++;
            }
            typesSeen[type] = true;
            list.Add(new Route(type, [.. clients], ev.Evaluate(type, clients)));
        }
        for (var t = 0; t < problem.VehicleTypes.Count; t++)
            if (!typesSeen[t] && problem.FixedStops[t] is { } fx) fixedViolations += fx.Length;
        var excess = 0;
        for (var t = 0; t < used.Length; t++) excess += Math.Max(used[t] - problem.VehicleTypes[t].Count, 0);
        var unassigned = new List<int>();
        var missing = 0;
        for (var c = problem.FirstClient; c < problem.FirstCharger; c++)
        {
            if (seen[c]) continue;
            unassigned.Add(c);
            if (problem.Required[c]) missing++;
        }
        return new Solution(problem, [.. list], [.. unassigned], missing, excess, fixedViolations);
    }

    /// <summary>The schedule of one route (arrivals, service starts, reloads, charging stops, breaks).</summary>
    public List<Visit> Schedule(int route)
    {
        var list = new List<Visit>();
        new RouteEvaluator(Problem).Evaluate(Routes[route].VehicleType, Routes[route].Clients, list);
        return list;
    }

    /// <summary>Literature comparison: fewer vehicles first, then less distance (hierarchical), or lower cost.</summary>
    public bool IsBetterThan(Solution other)
    {
        if (Feasible != other.Feasible) return Feasible;
        if (Problem.Objective == Objective.Hierarchical && Vehicles != other.Vehicles) return Vehicles < other.Vehicles;
        return Cost < other.Cost - 1e-9;
    }

    /// <summary>Client ids of each route, in order.</summary>
    public IEnumerable<string[]> RouteIds()
    {
        foreach (var r in Routes)
        {
            var ids = new string[r.Clients.Length];
            for (var i = 0; i < ids.Length; i++) ids[i] = Problem.ClientAt(r.Clients[i]).Id;
            yield return ids;
        }
    }
}
