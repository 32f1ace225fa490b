using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Tests;

static class Make
{
    /// <summary>A seeded random VRPTW-like problem on a 100×100 square (Euclidean, speed 1).</summary>
    public static ProblemData Random(int n, ulong seed, double capacity = 50, int vehicles = 10, bool windows = true)
    {
        var rng = new Rng(seed);
        var depots = new[] { new Depot { Id = "D", X = 50, Y = 50, OpenTime = 0, CloseTime = 1000 } };
        var clients = new List<Client>();
        for (var i = 0; i < n; i++)
        {
            var e = rng.Double() * 600;
            clients.Add(new Client { Id = (i + 1).ToString(), X = rng.Double() * 100, Y = rng.Double() * 100, Weight = 1 + rng.Int(10), ServiceTime = 10,
                TimeWindows = windows ? [new TimeWindow(e, e + 60 + rng.Double() * 200)] : [] });
        }
        return Build(depots, clients, [new VehicleType { Id = "v", Count = vehicles, WeightCapacity = capacity }]);
    }

    public static ProblemData Build(IReadOnlyList<Depot> depots, IReadOnlyList<Client> clients, IReadOnlyList<VehicleType> types,
        IReadOnlyList<Charger>? chargers = null, IReadOnlyList<AccessRule>? rules = null, IReadOnlyList<TravelSlot>? slots = null,
        Objective objective = Objective.Cost, IReadOnlyDictionary<string, IReadOnlyList<string>>? fixedStops = null,
        IReadOnlyDictionary<string, string>? previous = null, double reassignCost = 0)
    {
        var x = depots.Select(d => d.X).Concat(clients.Select(c => c.X)).Concat((chargers ?? []).Select(c => c.X)).ToArray();
        var y = depots.Select(d => d.Y).Concat(clients.Select(c => c.Y)).Concat((chargers ?? []).Select(c => c.Y)).ToArray();
        var m = Matrices.Euclidean(x, y);
        return new ProblemData(depots, clients, types, m, (double[])m.Clone(), chargers, rules, slots, objective, "test", 60, fixedStops, previous, reassignCost);
    }
}
