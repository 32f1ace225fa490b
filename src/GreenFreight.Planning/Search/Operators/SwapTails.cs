namespace GreenFreight.Planning.Search.Operators;

/// <summary>2-opt* between two routes: the part after U and the part after V change routes
/// (U's route becomes its head up to U + V's tail; V's route its head up to V + U's tail). V may be a start depot.</summary>
internal sealed class SwapTails : INodeOperator
{
    readonly LocalSearch _ls;

    public SwapTails(LocalSearch ls) { _ls = ls; }

    /// <summary>Skip moves whose distance-and-load bound shows no gain, without building them.</summary>
    public bool Prune = true;

    public double Evaluate(Node u, Node v)
    {
        var ru = u.Route!;
        var rv = v.Route!;
        if (ru == rv) return 0;
        int iu = u.Idx, iv = v.Idx;
        if (iu >= ru.Count - 1 || iv >= rv.Count - 1 || iu < ru.FixedCount || iv < rv.FixedCount) return 0;
        if (iu == ru.Count - 2 && iv == rv.Count - 2) return 0; // both tails empty
        if (Prune)
        {
            var p = _ls.P;
            var d = p.Distance;
            var dim = p.Dim;
            int lu = ru.Count - 1, lv = rv.Count - 1;
            int u0 = ru.Nodes[iu].Loc, u1 = ru.Nodes[iu + 1].Loc, v0 = rv.Nodes[iv].Loc, v1 = rv.Nodes[iv + 1].Loc;
            if (ru.SameEnd(rv))
            {
                var distA = ru.CumDist[iu] + d[u0 * dim + v1] + rv.CumDist[lv] - rv.CumDist[iv + 1];
                var distB = rv.CumDist[iv] + d[v0 * dim + u1] + ru.CumDist[lu] - ru.CumDist[iu + 1];
                var bA = _ls.Bound(ru, distA, ru.CumW[iu] + rv.CumW[lv] - rv.CumW[iv], ru.CumV[iu] + rv.CumV[lv] - rv.CumV[iv],
                    ru.CumPrize[iu] + rv.CumPrize[lv] - rv.CumPrize[iv], iu + (lv - 1 - iv));
                var bB = _ls.Bound(rv, distB, rv.CumW[iv] + ru.CumW[lu] - ru.CumW[iu], rv.CumV[iv] + ru.CumV[lu] - ru.CumV[iu],
                    rv.CumPrize[iv] + ru.CumPrize[lu] - ru.CumPrize[iu], iv + (lu - 1 - iu));
                if (bA + bB - ru.Cost - rv.Cost >= 0) return 1;
            }
        }
        var a = _ls.PropA.Reset(ru).Add(ru, 0, iu).Add(rv, iv + 1, rv.Count - 1);
        var b = _ls.PropB.Reset(rv).Add(rv, 0, iv).Add(ru, iu + 1, ru.Count - 1);
        return _ls.Delta(a, b);
    }

    public void Apply() => _ls.Apply(_ls.PropA, _ls.PropB);
}
