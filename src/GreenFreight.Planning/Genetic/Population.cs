using GreenFreight.Planning.Evaluation;

namespace GreenFreight.Planning.Genetic;

/// <summary>HGS population: feasible and infeasible sub-populations; survivors chosen by biased fitness (cost rank and
/// diversity rank by broken-pairs distance to the closest individuals); clones removed first.</summary>
internal sealed class Population
{
    public readonly List<Individual> Feasible = [], Infeasible = [];
    readonly int _mu, _lambda, _elite, _close, _first, _end;
    readonly Rng _rng;

    public Population(int firstClient, int endClient, Rng rng, int mu = 25, int lambda = 40, int elite = 4, int close = 5)
    {
        _first = firstClient; _end = endClient; _rng = rng; _mu = mu; _lambda = lambda; _elite = elite; _close = close;
    }

    public int Count => Feasible.Count + Infeasible.Count;

    public void Add(Individual ind, CostEvaluator ce)
    {
        var sub = ind.Feasible ? Feasible : Infeasible;
        foreach (var o in sub) if (ReferenceEquals(o, ind)) return; // already in (e.g. the best solution added again)
        foreach (var o in sub)
        {
            var d = ind.BrokenPairs(o, _first, _end);
            Insert(ind.Close, d, o);
            Insert(o.Close, d, ind);
        }
        sub.Add(ind);
        if (sub.Count > _mu + _lambda)
            while (sub.Count > _mu) RemoveWorst(sub, ce);
    }

    static void Insert(List<(double, Individual)> list, double d, Individual o)
    {
        var i = list.Count;
        while (i > 0 && list[i - 1].Item1 > d) i--;
        list.Insert(i, (d, o));
    }

    void RemoveWorst(List<Individual> sub, CostEvaluator ce)
    {
        UpdateFitness(sub, ce);
        Individual? worst = null;
        var worstClone = false;
        var worstFit = double.NegativeInfinity;
        foreach (var ind in sub)
        {
            var clone = ind.Close.Count > 0 && ind.Close[0].Distance <= 1e-12;
            if ((clone && !worstClone) || (clone == worstClone && ind.Fitness > worstFit))
            {
                worst = ind; worstClone = clone; worstFit = ind.Fitness;
            }
        }
        Remove(sub, worst!);
    }

    static void Remove(List<Individual> sub, Individual ind)
    {
        sub.Remove(ind);
        foreach (var o in sub)
            for (var i = 0; i < o.Close.Count; i++)
                if (ReferenceEquals(o.Close[i].Other, ind)) { o.Close.RemoveAt(i); break; }
    }

    readonly List<(double, int)> _rank = [];

    void UpdateFitness(List<Individual> sub, CostEvaluator ce)
    {
        var n = sub.Count;
        if (n == 1) { sub[0].Fitness = 0; return; }
        _rank.Clear();
        for (var i = 0; i < n; i++) _rank.Add((sub[i].PenalisedCost(ce), i));
        _rank.Sort((a, b) => a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : a.Item2.CompareTo(b.Item2));
        var costRank = new int[n];
        for (var r = 0; r < n; r++) costRank[_rank[r].Item2] = r;
        _rank.Clear();
        for (var i = 0; i < n; i++)
        {
            var ind = sub[i];
            var k = Math.Min(_close, ind.Close.Count);
            var s = 0.0;
            for (var j = 0; j < k; j++) s += ind.Close[j].Distance;
            _rank.Add((-(k > 0 ? s / k : 0), i)); // more diverse first
        }
        _rank.Sort((a, b) => a.Item1 != b.Item1 ? a.Item1.CompareTo(b.Item1) : a.Item2.CompareTo(b.Item2));
        var eliteWeight = 1 - Math.Min(_elite, n) / (double)n;
        for (var r = 0; r < n; r++)
        {
            var i = _rank[r].Item2;
            sub[i].Fitness = costRank[i] / (double)(n - 1) + eliteWeight * r / (double)(n - 1);
        }
    }

    /// <summary>Binary tournament on biased fitness over both sub-populations.</summary>
    public Individual Select(CostEvaluator ce)
    {
        UpdateFitness(Feasible, ce);
        UpdateFitness(Infeasible, ce);
        var a = Pick();
        var b = Pick();
        return a.Fitness <= b.Fitness ? a : b;
    }

    Individual Pick()
    {
        var i = _rng.Int(Count);
        return i < Feasible.Count ? Feasible[i] : Infeasible[i - Feasible.Count];
    }

    public void Clear()
    {
        // Individuals may live on (the best one is added again after a restart): forget their old neighbours.
        foreach (var ind in Feasible) ind.Close.Clear();
        foreach (var ind in Infeasible) ind.Close.Clear();
        Feasible.Clear();
        Infeasible.Clear();
    }
}
