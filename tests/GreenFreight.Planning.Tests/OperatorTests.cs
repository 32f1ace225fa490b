using GreenFreight.Planning.Evaluation;
using GreenFreight.Planning.Genetic;
using GreenFreight.Planning.Search;
using GreenFreight.Planning.Search.Operators;

namespace GreenFreight.Planning.Tests;

/// <summary>Each operator: on random solutions, every improving move it reports changes the penalised cost by exactly
/// the reported delta (recomputed from scratch), and keeps every client exactly once.</summary>
public class OperatorTests
{
    static double Recompute(LocalSearch ls)
    {
        var ce = ls.Cost;
        var total = 0.0;
        foreach (var (t, c) in ls.Export())
        {
            var st = Individual.FastStats(ls.P, t, c);
            total += ce.Cost(ls.P, t, st);
        }
        return total;
    }

    public static TheoryData<string> Ops() => new() { "relocate", "relocate2", "swap", "swap21", "swap22", "swaptails", "twoopt", "swapstar" };

    [Theory]
    [MemberData(nameof(Ops))]
    public void Reported_delta_equals_the_real_cost_change(string name)
    {
        var checkedMoves = 0;
        for (ulong seed = 1; seed <= 6; seed++)
        {
            var p = Make.Random(40, seed, capacity: 60, vehicles: 8);
            var ce = new CostEvaluator(p) { WeightPenalty = 3, TimePenalty = 2 };
            var rng = new Rng(seed);
            var nb = Neighbours.Compute(p, 10);
            var ls = new LocalSearch(p, ce, rng, nb, [8]);
            var clients = Enumerable.Range(p.FirstClient, p.NumClients).ToArray();
            rng.Shuffle(clients);
            var routes = new List<(int, int[])>();
            for (var r = 0; r < 6; r++) routes.Add((0, clients.Skip(r * 7).Take(r == 5 ? 100 : 7).ToArray()));
            ls.Load(routes);
            INodeOperator? op = name switch
            {
                "relocate" => new Exchange(ls, 1, 0), "relocate2" => new Exchange(ls, 2, 0), "swap" => new Exchange(ls, 1, 1),
                "swap21" => new Exchange(ls, 2, 1), "swap22" => new Exchange(ls, 2, 2), "swaptails" => new SwapTails(ls), "twoopt" => new TwoOpt(ls), _ => null,
            };
            var star = name == "swapstar" ? new SwapStar(ls) : null;
            for (var k = 0; k < 400; k++)
            {
                var before = Recompute(ls);
                Assert.Equal(before, ls.Routes.Sum(r => r.Cost), 6);
                double delta;
                if (op is not null)
                {
                    var u = ls.Nodes[clients[rng.Int(clients.Length)]]!;
                    var vloc = nb[u.Loc][rng.Int(nb[u.Loc].Length)];
                    var v = rng.Int(5) == 0 ? ls.Routes[rng.Int(ls.Routes.Length)].StartDepot : ls.Nodes[vloc]!;
                    if (u.Route is null || v.Route is null) continue;
                    delta = op.Evaluate(u, v);
                    if (delta >= -1e-9) continue;
                    op.Apply();
                }
                else
                {
                    var a = ls.Routes[rng.Int(ls.Routes.Length)];
                    var b = ls.Routes[rng.Int(ls.Routes.Length)];
                    if (a == b || a.Empty || b.Empty) continue;
                    delta = star!.Evaluate(a, b);
                    if (delta >= -1e-9) continue;
                    star.Apply();
                }
                checkedMoves++;
                Assert.Equal(before + delta, Recompute(ls), 6);
                Assert.Equal(clients.Order(), ls.Export().SelectMany(r => r.Clients).Order());
            }
        }
        Assert.True(checkedMoves >= 10, $"only {checkedMoves} improving moves were checked");
    }

    [Fact]
    public void Local_search_reaches_a_local_optimum_no_operator_improves()
    {
        var p = Make.Random(60, 9, capacity: 80, vehicles: 10);
        var ce = new CostEvaluator(p) { WeightPenalty = 10, TimePenalty = 10 };
        var ls = new LocalSearch(p, ce, new Rng(9), Neighbours.Compute(p, 15), [10]);
        ls.Load([]);
        ls.Search();
        Assert.Equal(60, ls.Export().Sum(r => r.Clients.Length));
        var ops = new INodeOperator[] { new Exchange(ls, 1, 0), new Exchange(ls, 1, 1), new SwapTails(ls), new TwoOpt(ls) };
        foreach (var u in ls.Nodes.Where(n => n is not null))
            foreach (var v in Neighbours.Compute(p, 15)[u!.Loc])
                foreach (var op in ops)
                    Assert.True(op.Evaluate(u, ls.Nodes[v]!) >= -1e-6);
    }
}

/// <summary>A second search of the same routes after the penalties change (the genetic search's repair step) must test
/// every move again: before the fix every move was skipped as "tested since the last change" and repair did nothing.</summary>
public class RepairSearchTests
{
    [Fact]
    public void Searching_again_with_higher_penalties_reaches_a_local_optimum_under_them()
    {
        var p = Make.Random(60, 11, capacity: 60, vehicles: 10);
        var ce = new CostEvaluator(p) { WeightPenalty = 0.01, TimePenalty = 0.01 };
        var nb = Neighbours.Compute(p, 15);
        var ls = new LocalSearch(p, ce, new Rng(11), nb, [10]);
        ls.Load([]);
        ls.Search();
        var cheap = ls.Export();
        Assert.Contains(cheap, r => !Individual.FastStats(p, r.Type, r.Clients).Feasible);
        var strict = ce.Clone(1000);
        ls.Cost = strict;
        var evaluations = ls.Evaluations;
        ls.Search();
        Assert.True(ls.Evaluations > evaluations + 100, "the second search evaluated (almost) no move");
        var ops = new INodeOperator[] { new Exchange(ls, 1, 0), new Exchange(ls, 1, 1), new SwapTails(ls), new TwoOpt(ls) };
        foreach (var u in ls.Nodes.Where(n => n is not null))
            foreach (var v in nb[u!.Loc])
                foreach (var op in ops)
                    Assert.True(op.Evaluate(u, ls.Nodes[v]!) >= -1e-6);
        Assert.True(ls.TotalCost() < cheap.Sum(r => strict.Cost(p, r.Type, Individual.FastStats(p, r.Type, r.Clients))));
    }
}
