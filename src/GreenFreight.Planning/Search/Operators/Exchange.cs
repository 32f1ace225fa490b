namespace GreenFreight.Planning.Search.Operators;

/// <summary>
/// (N, M)-exchange: moves the N consecutive clients starting at U after V (M = 0: relocate; (1,0) is the classic
/// relocate), or swaps them with the M clients starting at V (M > 0: (1,1) swap, (2,1), (2,2), (3,x)). Works within a
/// route and between routes.
/// </summary>
internal sealed class Exchange : INodeOperator
{
    readonly LocalSearch _ls;
    readonly int _n, _m;
    bool _two;

    /// <summary>Skip moves whose distance-and-load bound shows no gain, without building them (off for random moves).</summary>
    public bool Prune = true;

    /// <summary>The last evaluated move changes two routes.</summary>
    public bool TwoRoutes => _two;

    public Exchange(LocalSearch ls, int n, int m)
    {
        if (n < 1 || m < 0 || m > n) throw new ArgumentException("need N ≥ 1 and 0 ≤ M ≤ N");
        _ls = ls; _n = n; _m = m;
    }

    public double Evaluate(Node u, Node v)
    {
        var ru = u.Route!;
        var rv = v.Route!;
        int iu = u.Idx, iv = v.Idx, n = _n, m = _m;
        if (iu == 0 || iu + n - 1 > ru.Count - 2 || iu <= ru.FixedCount) return 0;
        var a = _ls.PropA;
        var b = _ls.PropB;
        if (m == 0)
        {
            if (iv >= rv.Count - 1 || iv < rv.FixedCount) return 0;
            if (ru == rv)
            {
                if (iv >= iu - 1 && iv <= iu + n - 1) return 0;
                if (Prune)
                {
                    int pu = ru.Nodes[iu - 1].Loc, u0 = ru.Nodes[iu].Loc, ul = ru.Nodes[iu + n - 1].Loc, nu = ru.Nodes[iu + n].Loc;
                    int v0 = ru.Nodes[iv].Loc, vn = ru.Nodes[iv + 1].Loc;
                    var delta = D(pu, nu) - D(pu, u0) - D(ul, nu) + D(v0, u0) + D(ul, vn) - D(v0, vn);
                    if (_ls.Cost.CostPerDistance[ru.Type] * delta - ru.Slack >= 0) return 1;
                }
                a.Reset(ru);
                if (iv > iu) a.Add(ru, 0, iu - 1).Add(ru, iu + n, iv).Add(ru, iu, iu + n - 1).AddSuffix(iv + 1);
                else a.Add(ru, 0, iv).Add(ru, iu, iu + n - 1).Add(ru, iv + 1, iu - 1).AddSuffix(iu + n);
                _two = false;
                return _ls.Delta(a, null);
            }
            if (iv == 0 && rv.Empty && ru.Size == n && ru.Type == rv.Type) return 0; // moving a whole route to an identical empty one
            if (Prune && QuickBound(ru, iu, n, rv, iv + 1, 0) >= 0) return 1;
            a.Reset(ru).Add(ru, 0, iu - 1).AddSuffix(iu + n);
            b.Reset(rv).Add(rv, 0, iv).Add(ru, iu, iu + n - 1).AddSuffix(iv + 1);
            _two = true;
            return _ls.Delta(a, b);
        }
        if (iv == 0 || iv + m - 1 > rv.Count - 2 || iv <= rv.FixedCount) return 0;
        if (ru == rv)
        {
            if (iu < iv ? iu + n > iv : iv + m > iu) return 0;
            if (Prune && (iu < iv ? iu + n < iv : iv + m < iu))
            {
                int pu = ru.Nodes[iu - 1].Loc, u0 = ru.Nodes[iu].Loc, ul = ru.Nodes[iu + n - 1].Loc, nu = ru.Nodes[iu + n].Loc;
                int pv = ru.Nodes[iv - 1].Loc, v0 = ru.Nodes[iv].Loc, vl = ru.Nodes[iv + m - 1].Loc, nv = ru.Nodes[iv + m].Loc;
                var delta = D(pu, v0) + D(vl, nu) + D(pv, u0) + D(ul, nv) - D(pu, u0) - D(ul, nu) - D(pv, v0) - D(vl, nv);
                if (_ls.Cost.CostPerDistance[ru.Type] * delta - ru.Slack >= 0) return 1;
            }
            a.Reset(ru);
            if (iu < iv) a.Add(ru, 0, iu - 1).Add(ru, iv, iv + m - 1).Add(ru, iu + n, iv - 1).Add(ru, iu, iu + n - 1).AddSuffix(iv + m);
            else a.Add(ru, 0, iv - 1).Add(ru, iu, iu + n - 1).Add(ru, iv + m, iu - 1).Add(ru, iv, iv + m - 1).AddSuffix(iu + n);
            _two = false;
            return _ls.Delta(a, null);
        }
        if (Prune && QuickBound(ru, iu, n, rv, iv, m) >= 0) return 1;
        a.Reset(ru).Add(ru, 0, iu - 1).Add(rv, iv, iv + m - 1).AddSuffix(iu + n);
        b.Reset(rv).Add(rv, 0, iv - 1).Add(ru, iu, iu + n - 1).AddSuffix(iv + m);
        _two = true;
        return _ls.Delta(a, b);
    }

    double D(int a, int b) => _ls.P.Distance[a * _ls.P.Dim + b];

    /// <summary>Lower bound of the cost change of exchanging ru[iu, iu+n) with rv[iv, iv+m) (m = 0: insert before iv),
    /// different routes, from distances and loads alone; ≥ 0 means the move cannot improve.</summary>
    double QuickBound(SearchRoute ru, int iu, int n, SearchRoute rv, int iv, int m)
    {
        var p = _ls.P;
        var d = p.Distance;
        var dim = p.Dim;
        int pu = ru.Nodes[iu - 1].Loc, u0 = ru.Nodes[iu].Loc, ul = ru.Nodes[iu + n - 1].Loc, nu = ru.Nodes[iu + n].Loc;
        int pv = rv.Nodes[iv - 1].Loc, nv = rv.Nodes[iv + m].Loc;
        double segU = ru.CumDist[iu + n - 1] - ru.CumDist[iu];
        double wU = ru.CumW[iu + n - 1] - ru.CumW[iu - 1], vU = ru.CumV[iu + n - 1] - ru.CumV[iu - 1], prU = ru.CumPrize[iu + n - 1] - ru.CumPrize[iu - 1];
        double distA, distB, wV = 0, vV = 0, prV = 0;
        var lastU = ru.Count - 1;
        var lastV = rv.Count - 1;
        if (m == 0)
        {
            distA = ru.CumDist[lastU] - segU - d[pu * dim + u0] - d[ul * dim + nu] + d[pu * dim + nu];
            distB = rv.CumDist[lastV] - d[pv * dim + nv] + d[pv * dim + u0] + segU + d[ul * dim + nv];
        }
        else
        {
            int v0 = rv.Nodes[iv].Loc, vl = rv.Nodes[iv + m - 1].Loc;
            var segV = rv.CumDist[iv + m - 1] - rv.CumDist[iv];
            wV = rv.CumW[iv + m - 1] - rv.CumW[iv - 1]; vV = rv.CumV[iv + m - 1] - rv.CumV[iv - 1]; prV = rv.CumPrize[iv + m - 1] - rv.CumPrize[iv - 1];
            distA = ru.CumDist[lastU] - segU - d[pu * dim + u0] - d[ul * dim + nu] + d[pu * dim + v0] + segV + d[vl * dim + nu];
            distB = rv.CumDist[lastV] - segV - d[pv * dim + v0] - d[vl * dim + nv] + d[pv * dim + u0] + segU + d[ul * dim + nv];
        }
        var bA = _ls.Bound(ru, distA, ru.CumW[lastU] - wU + wV, ru.CumV[lastU] - vU + vV, ru.CumPrize[lastU] - prU + prV, ru.Size - n + m);
        var bB = _ls.Bound(rv, distB, rv.CumW[lastV] - wV + wU, rv.CumV[lastV] - vV + vU, rv.CumPrize[lastV] - prV + prU, rv.Size - m + n);
        return bA + bB - ru.Cost - rv.Cost;
    }

    public void Apply() => _ls.Apply(_ls.PropA, _two ? _ls.PropB : null);
}
