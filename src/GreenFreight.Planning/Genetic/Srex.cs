using GreenFreight.Planning.Evaluation;
using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Genetic;

/// <summary>
/// Selective route exchange crossover (Nagata &amp; Kobayashi; as in PyVRP): routes of both parents are ordered by the polar
/// angle of their centre; a block of consecutive routes of parent B replaces a block of parent A (the blocks are shifted to
/// overlap most). Two children are built — duplicates removed from A's kept routes, or from B's moved routes — and the one
/// with the lower penalised cost (as in PyVRP) is returned. Missing clients are put back by the local search.
/// </summary>
internal static class Srex
{
    public static List<(int Type, int[] Clients)> Cross(ProblemData p, Individual a, Individual b, Rng rng, CostEvaluator ce, RouteEvaluator exact)
    {
        var ra = Sorted(p, a);
        var rb = Sorted(p, b);
        var na = ra.Count;
        var nb = rb.Count;
        if (na == 0 || nb == 0) return [.. (na == 0 ? rb : ra)];
        var moved = 1 + rng.Int(Math.Min(na, nb));
        var sa = rng.Int(na);
        var sb = rng.Int(nb);
        // Shift B's block left or right while that increases the overlap of client sets with A's block.
        var inA = new bool[p.Dim];
        void MarkA() { Array.Clear(inA); for (var k = 0; k < moved; k++) foreach (var c in ra[(sa + k) % na].Clients) inA[c] = true; }
        int Overlap(int start) { var o = 0; for (var k = 0; k < moved; k++) foreach (var c in rb[(start + k) % nb].Clients) if (inA[c]) o++; return o; }
        MarkA();
        var best = Overlap(sb);
        for (var step = 0; step < nb; step++)
        {
            var left = Overlap((sb - 1 + nb) % nb);
            var right = Overlap((sb + 1) % nb);
            if (left > best && left >= right) { sb = (sb - 1 + nb) % nb; best = left; }
            else if (right > best) { sb = (sb + 1) % nb; best = right; }
            else break;
        }
        var selA = new bool[na];
        var selB = new bool[nb];
        for (var k = 0; k < moved; k++) { selA[(sa + k) % na] = true; selB[(sb + k) % nb] = true; }
        var inB = new bool[p.Dim];
        for (var j = 0; j < nb; j++) if (selB[j]) foreach (var c in rb[j].Clients) inB[c] = true;
        var keptA = new bool[p.Dim];
        for (var i = 0; i < na; i++) if (!selA[i]) foreach (var c in ra[i].Clients) keptA[c] = true;

        // Child 1: A's kept routes without B's moved clients, plus B's moved routes.
        var c1 = new List<(int, int[])>();
        for (var i = 0; i < na; i++)
            if (!selA[i]) c1.Add((ra[i].Type, Filter(ra[i].Clients, inB)));
        for (var j = 0; j < nb; j++) if (selB[j]) c1.Add((rb[j].Type, rb[j].Clients));
        // Child 2: A's kept routes as they are, plus B's moved routes without A's kept clients.
        var c2 = new List<(int, int[])>();
        for (var i = 0; i < na; i++) if (!selA[i]) c2.Add((ra[i].Type, ra[i].Clients));
        for (var j = 0; j < nb; j++) if (selB[j]) c2.Add((rb[j].Type, Filter(rb[j].Clients, keptA)));
        // Both children plan the same clients (A's kept ∪ B's moved), so the cheaper one is taken.
        c1 = FixFleet(p, c1);
        c2 = FixFleet(p, c2);
        return Cost(p, ce, exact, c2) < Cost(p, ce, exact, c1) ? c2 : c1;
    }

    /// <summary>Penalised cost of the routes (unplanned clients not counted).</summary>
    static double Cost(ProblemData p, CostEvaluator ce, RouteEvaluator exact, List<(int, int[])> routes)
    {
        var total = 0.0;
        foreach (var (t, c) in routes)
            total += ce.Cost(p, t, p.NeedsExact ? exact.Evaluate(t, c) : Individual.FastStats(p, t, c));
        return total;
    }

    static int[] Filter(int[] clients, bool[] drop)
    {
        var n = 0;
        foreach (var c in clients) if (!drop[c]) n++;
        var r = new int[n];
        n = 0;
        foreach (var c in clients) if (!drop[c]) r[n++] = c;
        return r;
    }

    /// <summary>Keeps at most Count routes per vehicle type (extra routes' clients become unplanned).</summary>
    static List<(int, int[])> FixFleet(ProblemData p, List<(int, int[])> routes)
    {
        var used = new int[p.VehicleTypes.Count];
        var result = new List<(int, int[])>(routes.Count);
        foreach (var (t, c) in routes)
        {
            if (c.Length == 0) continue;
            if (used[t] >= p.VehicleTypes[t].Count) continue;
            used[t]++;
            result.Add((t, c));
        }
        return result;
    }

    static List<(int Type, int[] Clients)> Sorted(ProblemData p, Individual ind)
    {
        var list = new List<(double Angle, int Index)>();
        for (var i = 0; i < ind.Routes.Length; i++)
        {
            var (t, cl) = ind.Routes[i];
            if (cl.Length == 0) continue;
            double x = 0, y = 0;
            foreach (var c in cl) { x += p.X[c]; y += p.Y[c]; }
            var d = p.VehicleTypes[t].StartDepot;
            list.Add((Math.Atan2(y / cl.Length - p.Y[d], x / cl.Length - p.X[d]), i));
        }
        list.Sort((u, v) => u.Angle != v.Angle ? u.Angle.CompareTo(v.Angle) : u.Index.CompareTo(v.Index));
        var r = new List<(int, int[])>(list.Count);
        foreach (var (_, i) in list) r.Add(ind.Routes[i]);
        return r;
    }
}
