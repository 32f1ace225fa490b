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
                a.Reset(ru);
                if (iv > iu) a.Add(ru, 0, iu - 1).Add(ru, iu + n, iv).Add(ru, iu, iu + n - 1).AddSuffix(iv + 1);
                else a.Add(ru, 0, iv).Add(ru, iu, iu + n - 1).Add(ru, iv + 1, iu - 1).AddSuffix(iu + n);
                _two = false;
                return _ls.Delta(a, null);
            }
            if (iv == 0 && rv.Empty && ru.Size == n && ru.Type == rv.Type) return 0; // moving a whole route to an identical empty one
            a.Reset(ru).Add(ru, 0, iu - 1).AddSuffix(iu + n);
            b.Reset(rv).Add(rv, 0, iv).Add(ru, iu, iu + n - 1).AddSuffix(iv + 1);
            _two = true;
            return _ls.Delta(a, b);
        }
        if (iv == 0 || iv + m - 1 > rv.Count - 2 || iv <= rv.FixedCount) return 0;
        if (ru == rv)
        {
            if (iu < iv ? iu + n > iv : iv + m > iu) return 0;
            a.Reset(ru);
            if (iu < iv) a.Add(ru, 0, iu - 1).Add(ru, iv, iv + m - 1).Add(ru, iu + n, iv - 1).Add(ru, iu, iu + n - 1).AddSuffix(iv + m);
            else a.Add(ru, 0, iv - 1).Add(ru, iu, iu + n - 1).Add(ru, iv + m, iu - 1).Add(ru, iv, iv + m - 1).AddSuffix(iu + n);
            _two = false;
            return _ls.Delta(a, null);
        }
        a.Reset(ru).Add(ru, 0, iu - 1).Add(rv, iv, iv + m - 1).AddSuffix(iu + n);
        b.Reset(rv).Add(rv, 0, iv - 1).Add(ru, iu, iu + n - 1).AddSuffix(iv + m);
        _two = true;
        return _ls.Delta(a, b);
    }

    public void Apply() => _ls.Apply(_ls.PropA, _two ? _ls.PropB : null);
}
