using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Tests;

public class SolverTests
{
    [Fact]
    public void Same_seed_gives_the_same_result_twice_and_another_seed_may_differ()
    {
        var p = Bench.Solomon("RC105");
        SolveResult Run(ulong seed) => Solver.Solve(p, new SolverOptions { MaxIterations = 40, Seed = seed });
        var a = Run(7);
        var b = Run(7);
        Assert.Equal(a.Best.Distance, b.Best.Distance);
        Assert.Equal(a.Best.RouteIds().Select(r => string.Join(' ', r)), b.Best.RouteIds().Select(r => string.Join(' ', r)));
        Assert.True(a.Best.Feasible);
        Assert.Equal(100, a.Best.Routes.Sum(r => r.Clients.Length));
    }

    [Fact]
    public void Solomon_C101_reaches_the_optimum_quickly()
    {
        var r = Solver.Solve(Bench.Solomon("C101"), new SolverOptions { MaxIterations = 60, Seed = 1 });
        Assert.Equal(10, r.Best.Vehicles);
        Assert.Equal(828.94, Math.Round(r.Best.Distance, 2));
    }

    [Fact]
    public void Route_minimisation_reaches_the_BKS_vehicle_count_on_R101()
    {
        var r = Solver.Solve(Bench.Solomon("R101"), new SolverOptions { MaxIterations = 300, Seed = 1 });
        Assert.True(r.Best.Feasible);
        Assert.InRange(r.Best.Vehicles, 19, 20);
        Assert.InRange(r.Best.Distance, 1600, 1700);
    }

    [Fact]
    public void Progress_is_reported_and_cancellation_stops_the_run()
    {
        var p = Bench.Homberger("r1_2_1");
        using var cts = new CancellationTokenSource();
        var reports = new List<SolverProgress>();
        var r = Solver.Solve(p, new SolverOptions { Progress = x => { reports.Add(x); if (reports.Count >= 3) cts.Cancel(); } }, cts.Token);
        Assert.True(r.Cancelled);
        Assert.True(reports.Count >= 3);
        Assert.True(r.Best.Routes.Count > 0);
    }

    [Fact]
    public void Rich_problem_features_are_respected_by_the_plan()
    {
        // Two depots, a refrigerated EV and a diesel van, a cold-chain client, an optional client with a small prize,
        // an old-town zone the van may enter only early, and a reloading vehicle.
        var depots = new[] { new Depot { Id = "N", X = 0, Y = 0, CloseTime = 600 }, new Depot { Id = "S", X = 0, Y = -50, CloseTime = 600 } };
        var rng = new Rng(5);
        var clients = new List<Client>();
        for (var i = 0; i < 24; i++)
            clients.Add(new Client { Id = "c" + i, X = rng.Double() * 40 - 20, Y = rng.Double() * 60 - 50, Weight = 10, ServiceTime = 5,
                TimeWindows = [new TimeWindow(0, 400)], Zone = i < 4 ? "old-town" : null, RequiredFeatures = i == 5 ? ["cold-chain"] : [] });
        clients.Add(new Client { Id = "optional-far", X = 500, Y = 500, Weight = 1, Required = false, Prize = 5 });
        var types = new[]
        {
            new VehicleType { Id = "ev", Count = 1, WeightCapacity = 60, Features = ["cold-chain"], VehicleClass = "light", StartDepot = 0, EndDepot = 0, FixedCost = 50, Energy = EnergyType.Electric },
            new VehicleType { Id = "van", Count = 2, WeightCapacity = 50, VehicleClass = "medium", StartDepot = 1, EndDepot = 1, FixedCost = 80, MaxTrips = 2, ReloadTime = 10 },
        };
        var rules = new[] { new AccessRule { VehicleClass = "medium", Zone = "old-town", Windows = [new TimeWindow(0, 60)] } };
        var p = Make.Build(depots, clients, types, rules: rules);
        Assert.True(p.NeedsExact);
        var r = Solver.Solve(p, new SolverOptions { MaxIterations = 60, Seed = 2 });
        var s = r.Best;
        Assert.True(s.Feasible);
        Assert.Equal(["optional-far"], s.Unassigned.Select(u => p.ClientAt(u).Id));
        var cold = p.FirstClient + 5;
        Assert.Equal("ev", p.VehicleTypes[s.Routes.Single(x => x.Clients.Contains(cold)).VehicleType].Id);
        for (var i = 0; i < s.Routes.Count; i++)
        {
            var route = s.Routes[i];
            var schedule = s.Schedule(i);
            foreach (var v in schedule.Where(v => v.Kind == Evaluation.VisitKind.Client && p.ClientAt(v.Location).Zone == "old-town"))
                if (p.VehicleTypes[route.VehicleType].Id == "van") Assert.True(v.ServiceStart + 5 <= 60 + 1e-9);
            Assert.True(route.Stats.Trips <= p.VehicleTypes[route.VehicleType].MaxTrips);
        }
    }

    [Fact]
    public void Replanning_keeps_fixed_stops_first_and_moves_few_clients()
    {
        var p0 = Bench.Solomon("C101");
        var first = Solver.Solve(p0, new SolverOptions { MaxIterations = 30, Seed = 1 }).Best;
        // Each vehicle of the first plan becomes its own type; its first two stops are committed; clients keep their vehicle if possible.
        var types = new List<VehicleType>();
        var fixedStops = new Dictionary<string, IReadOnlyList<string>>();
        var previous = new Dictionary<string, string>();
        var ids = first.RouteIds().ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            types.Add(new VehicleType { Id = "v" + i, VehicleId = "v" + i, Count = 1, WeightCapacity = 200 });
            fixedStops["v" + i] = ids[i].Take(2).ToList();
            foreach (var c in ids[i]) previous[c] = "v" + i;
        }
        var p = new ProblemData(p0.Depots, p0.Clients, types, p0.Distance, p0.Duration, objective: Objective.Cost, fixedStops: fixedStops, previousVehicle: previous, reassignCost: 1000);
        var init = first.Routes.Select((r, i) => (i, r.Clients)).ToList();
        var again = Solver.Solve(p, new SolverOptions { MaxIterations = 20, Seed = 3, InitialSolution = init }).Best;
        Assert.True(again.Feasible);
        Assert.Equal(0, again.FixedStopViolations);
        Assert.Equal(0, again.Routes.Sum(r => r.Stats.ReassignCount));
    }
}
