namespace GreenFreight.Planning.Search.Operators;

/// <summary>
/// SWAP* (Vidal 2022): exchanges a client U of route A with a client V of route B, each inserted at its best position in
/// the other route (not necessarily in the other's place). Insertion costs come from the three best positions of each
/// client in the other route; the best pair by distance and load is then evaluated in full (time windows included).
/// </summary>
internal sealed class SwapStar
{
    readonly LocalSearch _ls;
    // Three best insertion positions (index after which to insert) and their distance costs, per client location.
    readonly int[] _pos;
    readonly double[] _cost;
    readonly double[] _removal;
    SearchRoute? _a, _b;
    int _iu, _iv, _posU, _posV;

    public SwapStar(LocalSearch ls)
    {
        _ls = ls;
        var n = ls.P.Dim;
        _pos = new int[3 * n];
        _cost = new double[3 * n];
        _removal = new double[n];
    }

    void Preprocess(SearchRoute from, SearchRoute to)
    {
        var p = _ls.P;
        var dim = p.Dim;
        var cpd = _ls.Cost.CostPerDistance[to.Type];
        var cpdFrom = _ls.Cost.CostPerDistance[from.Type];
        for (var i = from.FixedCount + 1; i < from.Count - 1; i++)
        {
            var u = from.Nodes[i].Loc;
            int prev = from.Nodes[i - 1].Loc, next = from.Nodes[i + 1].Loc;
            _removal[u] = cpdFrom * (p.Distance[prev * dim + next] - p.Distance[prev * dim + u] - p.Distance[u * dim + next]);
            double c0 = double.PositiveInfinity, c1 = c0, c2 = c0;
            int p0 = -1, p1 = -1, p2 = -1;
            if (!p.HasRestrictions || p.CanServe[to.Type * dim + u])
                for (var j = to.FixedCount; j < to.Count - 1; j++)
                {
                    int a = to.Nodes[j].Loc, b = to.Nodes[j + 1].Loc;
                    var c = cpd * (p.Distance[a * dim + u] + p.Distance[u * dim + b] - p.Distance[a * dim + b]);
                    if (c < c2)
                    {
                        if (c < c1)
                        {
                            c2 = c1; p2 = p1;
                            if (c < c0) { c1 = c0; p1 = p0; c0 = c; p0 = j; }
                            else { c1 = c; p1 = j; }
                        }
                        else { c2 = c; p2 = j; }
                    }
                }
            _pos[3 * u] = p0; _pos[3 * u + 1] = p1; _pos[3 * u + 2] = p2;
            _cost[3 * u] = c0; _cost[3 * u + 1] = c1; _cost[3 * u + 2] = c2;
        }
    }

    /// <summary>Best insertion of client <paramref name="u"/> into route <paramref name="to"/> once the client at index
    /// <paramref name="iv"/> has left it: a cached position not next to it, or V's place.</summary>
    (double Cost, int After) BestInsert(int u, SearchRoute to, int iv)
    {
        var p = _ls.P;
        var dim = p.Dim;
        for (var k = 0; k < 3; k++)
        {
            var j = _pos[3 * u + k];
            if (j < 0) break;
            if (j != iv && j != iv - 1) return (_cost[3 * u + k], j);
        }
        if (p.HasRestrictions && !p.CanServe[to.Type * dim + u]) return (double.PositiveInfinity, -1);
        int a = to.Nodes[iv - 1].Loc, b = to.Nodes[iv + 1].Loc;
        var c = _ls.Cost.CostPerDistance[to.Type] * (p.Distance[a * dim + u] + p.Distance[u * dim + b] - p.Distance[a * dim + b]);
        // Also compare with the cached positions (which may be adjacent only through V).
        return (c, iv - 1);
    }

    public double Evaluate(SearchRoute a, SearchRoute b)
    {
        var p = _ls.P;
        Preprocess(a, b);
        Preprocess(b, a);
        var ce = _ls.Cost;
        double wa = a.CumW[a.Count - 1], wb = b.CumW[b.Count - 1], va = a.CumV[a.Count - 1], vb = b.CumV[b.Count - 1];
        var best = 0.0;
        _a = null;
        for (var i = a.FixedCount + 1; i < a.Count - 1; i++)
        {
            var u = a.Nodes[i].Loc;
            for (var j = b.FixedCount + 1; j < b.Count - 1; j++)
            {
                var v = b.Nodes[j].Loc;
                var dwa = wa - p.Weight[u] + p.Weight[v];
                var dwb = wb - p.Weight[v] + p.Weight[u];
                var dva = va - p.Volume[u] + p.Volume[v];
                var dvb = vb - p.Volume[v] + p.Volume[u];
                var load = ce.WeightPenalty * (Math.Max(dwa - a.CapW, 0) + Math.Max(dwb - b.CapW, 0) - Math.Max(wa - a.CapW, 0) - Math.Max(wb - b.CapW, 0))
                         + ce.VolumePenalty * (Math.Max(dva - a.CapV, 0) + Math.Max(dvb - b.CapV, 0) - Math.Max(va - a.CapV, 0) - Math.Max(vb - b.CapV, 0));
                var delta = _removal[u] + _removal[v] + load;
                if (delta >= best) continue;
                var (cu, pu) = BestInsert(u, b, j);
                if (delta + cu >= best) continue;
                var (cv, pv) = BestInsert(v, a, i);
                delta += cu + cv;
                if (delta < best) { best = delta; _a = a; _b = b; _iu = i; _iv = j; _posU = pu; _posV = pv; }
            }
        }
        if (_a is null) return 0;
        // Full evaluation of the chosen pair.
        Build(_ls.PropA, a, _iu, b, _iv, _posV);
        Build(_ls.PropB, b, _iv, a, _iu, _posU);
        return _ls.Delta(_ls.PropA, _ls.PropB);
    }

    /// <summary>Route r without its client at index ir, with client (other, io) inserted after index pos of r.</summary>
    static void Build(Proposal pr, SearchRoute r, int ir, SearchRoute other, int io, int pos)
    {
        pr.Reset(r);
        if (pos < ir - 1) pr.Add(r, 0, pos).Add(other, io, io).Add(r, pos + 1, ir - 1).AddSuffix(ir + 1);
        else if (pos == ir - 1 || pos == ir) pr.Add(r, 0, ir - 1).Add(other, io, io).AddSuffix(ir + 1);
        else pr.Add(r, 0, ir - 1).Add(r, ir + 1, pos).Add(other, io, io).AddSuffix(pos + 1);
    }

    public void Apply() => _ls.Apply(_ls.PropA, _ls.PropB);
}
