using System.Diagnostics;
using GreenFreight.Planning.Evaluation;
using GreenFreight.Planning.Search.Operators;

namespace GreenFreight.Planning.Search;

/// <summary>
/// Route minimisation in the style of Nagata &amp; Bräysy (2009): remove a route, put its clients in an ejection pool, and
/// insert them back one by one (last in, first out) into the remaining routes, only feasibly. A client that fits nowhere
/// is inserted while ejecting up to <c>kMax</c> other clients, chosen to minimise the sum of their failure counters
/// (clients that were hard to insert before are ejected less), and the ejected go to the pool; random feasible moves
/// perturb the routes between steps. Success when the pool is empty: the solution has one route less.
/// </summary>
internal sealed class RouteMinimiser
{
    readonly LocalSearch _ls;
    readonly Rng _rng;
    readonly int[] _penalty;
    readonly int[] _pool;
    int _poolSize;
    readonly Exchange _relocate, _swap;
    readonly SwapTails _tails;
    readonly int[][] _neighbours;
    readonly List<Node> _list = [];
    public long Steps;
    public int KMax = 3;
    public int PerturbMoves = 50;
    public long DfsBudget = 200_000;

    public RouteMinimiser(LocalSearch ls, Rng rng, int[][] neighbours)
    {
        _ls = ls; _rng = rng; _neighbours = neighbours;
        _penalty = new int[ls.P.Dim];
        _pool = new int[ls.P.Dim];
        _relocate = new Exchange(ls, 1, 0);
        _swap = new Exchange(ls, 1, 1);
        _tails = new SwapTails(ls) { Prune = false };
        _relocate.Prune = false;
        _swap.Prune = false;
    }

    int NonEmpty() { var n = 0; foreach (var r in _ls.Routes) if (!r.Empty) n++; return n; }

    /// <summary>Reduces the routes of a feasible solution loaded in the local search. Returns the best (fewest routes)
    /// feasible solution found. Stops at <paramref name="lowerBound"/> routes, after <paramref name="maxFailures"/>
    /// failed removals in a row, or at the deadline.</summary>
    public List<(int Type, int[] Clients)> Run(int lowerBound, int maxFailures, long stepsPerAttempt, long deadlineTicks, CancellationToken ct, Action<int>? onSuccess = null)
    {
        var best = _ls.Export();
        var failures = 0;
        while (NonEmpty() > lowerBound && failures < maxFailures && !ct.IsCancellationRequested && Stopwatch.GetTimestamp() < deadlineTicks)
        {
            // Remove a random route.
            var candidates = new List<SearchRoute>();
            foreach (var r in _ls.Routes) if (!r.Empty && r.FixedCount == 0) candidates.Add(r);
            if (candidates.Count == 0) break;
            var victim = candidates[_rng.Int(candidates.Count)];
            _poolSize = 0;
            for (var i = victim.Count - 2; i >= 1; i--) _pool[_poolSize++] = victim.Nodes[i].Loc;
            _list.Clear();
            _ls.SetRoute(victim, _list);
            Array.Fill(_penalty, 1);
            long steps = 0;
            while (_poolSize > 0 && steps < stepsPerAttempt && !ct.IsCancellationRequested)
            {
                if ((steps & 15) == 0 && Stopwatch.GetTimestamp() >= deadlineTicks) break;
                steps++; Steps++;
                var v = _pool[--_poolSize];
                var node = _ls.Nodes[v]!;
                if (InsertFeasible(node, victim)) continue;
                _penalty[v]++;
                if (!EjectInsert(node, victim))
                {
                    _pool[_poolSize++] = v; // cannot be placed at all now: try again after perturbation
                    if (_poolSize > 1) (_pool[_poolSize - 1], _pool[0]) = (_pool[0], _pool[_poolSize - 1]);
                }
                Perturb();
            }
            if (_poolSize == 0)
            {
                best = _ls.Export();
                failures = 0;
                onSuccess?.Invoke(best.Count);
            }
            else
            {
                failures++;
                _ls.Load(best);
            }
        }
        _ls.Load(best);
        return best;
    }

    /// <summary>Cheapest feasible insertion over all routes (except the removed one); true when done.</summary>
    bool InsertFeasible(Node u, SearchRoute exclude)
    {
        var ls = _ls;
        var p = ls.P;
        SearchRoute? bestR = null;
        var bestAfter = -1;
        var best = double.PositiveInfinity;
        var pr = ls.PropA;
        foreach (var r in ls.Routes)
        {
            if (r.Empty || r == exclude) continue;
            if (p.HasRestrictions && !p.CanServe[r.Type * p.Dim + u.Loc]) continue;
            if (!ls.ExactMode)
            {
                if (r.CumW[r.Count - 1] + p.Weight[u.Loc] > r.CapW + 1e-9 || r.CumV[r.Count - 1] + p.Volume[u.Loc] > r.CapV + 1e-9) continue;
                var useg = DurationSegment.Visit(p.Service[u.Loc], p.TwEarly[u.Loc], p.TwLate[u.Loc]);
                for (var j = r.FixedCount; j < r.Count - 1; j++)
                {
                    int a = r.Nodes[j].Loc, b = r.Nodes[j + 1].Loc;
                    var d = p.Dist(a, u.Loc) + p.Dist(u.Loc, b) - p.Dist(a, b);
                    if (d >= best) continue;
                    var seg = DurationSegment.Merge(DurationSegment.Merge(r.Fwd[j], useg, p.Dur(a, u.Loc)), r.Bwd[j + 1], p.Dur(u.Loc, b));
                    if (seg.TotalTimeWarp(r.MaxDuration) > 1e-9) continue;
                    best = d; bestR = r; bestAfter = j;
                }
            }
            else
            {
                for (var j = r.FixedCount; j < r.Count - 1; j++)
                {
                    int a = r.Nodes[j].Loc, b = r.Nodes[j + 1].Loc;
                    var d = p.Dist(a, u.Loc) + p.Dist(u.Loc, b) - p.Dist(a, b);
                    if (d >= best) continue;
                    pr.Reset(r).Add(r, 0, j).AddClient(u.Loc).AddSuffix(j + 1);
                    if (!ls.Feasible(pr)) continue;
                    best = d; bestR = r; bestAfter = j;
                }
            }
        }
        if (bestR is null) return false;
        pr.Reset(bestR).Add(bestR, 0, bestAfter).AddClient(u.Loc).AddSuffix(bestAfter + 1);
        ls.Apply(pr, null);
        return true;
    }

    // Ejection search state.
    int _bestPsum;
    double _bestDist;
    SearchRoute? _bestRoute;
    int _bestInsertBefore;
    readonly int[] _ej = new int[8], _bestEj = new int[8];
    int _bestEjCount;
    long _dfsNodes;
    SearchRoute _r = null!;
    int _v;
    double _needW, _needV;
    DurationSegment _vSeg;

    /// <summary>Inserts u while ejecting at most KMax clients of one route (feasible result, least failure counters).</summary>
    bool EjectInsert(Node u, SearchRoute exclude)
    {
        var ls = _ls;
        var p = ls.P;
        _bestPsum = int.MaxValue;
        _bestDist = double.PositiveInfinity;
        _bestRoute = null;
        _dfsNodes = 0;
        _v = u.Loc;
        _vSeg = DurationSegment.Visit(p.Service[_v], p.TwEarly[_v], p.TwLate[_v]);
        foreach (var r in ls.Routes)
        {
            if (r.Empty || r == exclude) continue;
            if (p.HasRestrictions && !p.CanServe[r.Type * p.Dim + _v]) continue;
            _r = r;
            if (ls.ExactMode) { ExactEjectOne(r); continue; }
            _needW = r.CumW[r.Count - 1] + p.Weight[_v] - r.CapW;
            _needV = r.CumV[r.Count - 1] + p.Volume[_v] - r.CapV;
            Dfs(1, r.Fwd[0], r.StartLoc, 0, -1, 0, 0, 0, 0, false);
        }
        if (_bestRoute is null) return false;
        // Apply: rebuild the route with v inserted before index _bestInsertBefore and the ejected removed.
        var br = _bestRoute;
        _list.Clear();
        var e = 0;
        for (var i = 1; i < br.Count; i++)
        {
            if (i == _bestInsertBefore) _list.Add(u);
            if (i == br.Count - 1) break;
            if (e < _bestEjCount && _bestEj[e] == i) { e++; continue; }
            _list.Add(br.Nodes[i]);
        }
        var ejectedLocs = new int[_bestEjCount];
        for (var k = 0; k < _bestEjCount; k++) ejectedLocs[k] = br.Nodes[_bestEj[k]].Loc;
        ls.SetRoute(br, _list);
        foreach (var l in ejectedLocs) _pool[_poolSize++] = l;
        return true;
    }

    /// <summary>Depth-first over the route: before node i, v may be inserted (once); node i may be ejected or kept.
    /// Prefixes with time warp are cut (they cannot become feasible), as are branches whose counter sum is already worse.</summary>
    void Dfs(int i, DurationSegment seg, int last, double dist, int insertBefore, int ejected, int psum, double ejW, double ejV, bool justChanged)
    {
        if (++_dfsNodes > DfsBudget) return;
        if (psum > _bestPsum) return;
        var p = _ls.P;
        var r = _r;
        var dim = p.Dim;
        if (insertBefore >= 0 && justChanged && ejW >= _needW - 1e-9 && ejV >= _needV - 1e-9)
        {
            var nl = r.Nodes[i].Loc;
            var full = DurationSegment.Merge(seg, r.Bwd[i], p.Duration[last * dim + nl]);
            if (full.TotalTimeWarp(r.MaxDuration) <= 1e-9)
            {
                var d = dist + p.Distance[last * dim + nl] + r.CumDist[r.Count - 1] - r.CumDist[i];
                if (psum < _bestPsum || d < _bestDist)
                {
                    _bestPsum = psum; _bestDist = d; _bestRoute = r; _bestInsertBefore = insertBefore;
                    _bestEjCount = ejected;
                    Array.Copy(_ej, _bestEj, ejected);
                }
            }
        }
        if (i == r.Count - 1)
        {
            if (insertBefore < 0 && i - 1 >= r.FixedCount)
            {
                var s2 = DurationSegment.Merge(seg, _vSeg, p.Duration[last * dim + _v]);
                if (s2.TimeWarp <= 1e-9) Dfs(i, s2, _v, dist + p.Distance[last * dim + _v], i, ejected, psum, ejW, ejV, true);
            }
            return;
        }
        if (insertBefore >= 0 && ejected == KMax) return;
        // Insert v before node i.
        if (insertBefore < 0 && i - 1 >= r.FixedCount)
        {
            var s2 = DurationSegment.Merge(seg, _vSeg, p.Duration[last * dim + _v]);
            if (s2.TimeWarp <= 1e-9) Dfs(i, s2, _v, dist + p.Distance[last * dim + _v], i, ejected, psum, ejW, ejV, true);
        }
        var loc = r.Nodes[i].Loc;
        // Eject node i.
        if (ejected < KMax && i > r.FixedCount)
        {
            _ej[ejected] = i;
            Dfs(i + 1, seg, last, dist, insertBefore, ejected + 1, psum + _penalty[loc], ejW + p.Weight[loc], ejV + p.Volume[loc], true);
        }
        // Keep node i (only useful if something still changes later).
        if (insertBefore >= 0 && ejected == KMax) return;
        var s3 = DurationSegment.Merge(seg, r.NodeSeg(i), p.Duration[last * dim + loc]);
        if (s3.TimeWarp > 1e-9) return;
        Dfs(i + 1, s3, loc, dist + p.Distance[last * dim + loc], insertBefore, ejected, psum, ejW, ejV, false);
    }

    /// <summary>Exact mode: v inserted at any position with one client ejected, checked by the exact evaluator.</summary>
    void ExactEjectOne(SearchRoute r)
    {
        var ls = _ls;
        var pr = ls.PropA;
        for (var e = r.FixedCount + 1; e < r.Count - 1; e++)
        {
            var pe = _penalty[r.Nodes[e].Loc];
            if (pe > _bestPsum) continue;
            for (var j = r.FixedCount; j < r.Count - 1; j++)
            {
                if (j == e) continue;
                pr.Reset(r);
                if (j < e) pr.Add(r, 0, j).AddClient(_v).Add(r, j + 1, e - 1).AddSuffix(e + 1);
                else pr.Add(r, 0, e - 1).Add(r, e + 1, j).AddClient(_v).AddSuffix(j + 1);
                if (!ls.Feasible(pr)) continue;
                if (pe < _bestPsum || pr.Dist < _bestDist)
                {
                    _bestPsum = pe; _bestDist = pr.Dist; _bestRoute = r;
                    _bestInsertBefore = j < e ? j + 1 : j + 1;
                    _bestEjCount = 1; _bestEj[0] = e;
                }
            }
        }
    }

    /// <summary>Random feasible relocations, swaps and 2-opt* moves between near clients (whatever their cost).</summary>
    void Perturb()
    {
        var ls = _ls;
        var p = ls.P;
        for (var k = 0; k < PerturbMoves; k++)
        {
            var u = ls.Nodes[p.FirstClient + _rng.Int(p.NumClients)]!;
            if (u.Route is null || u.Fixed) continue;
            var nb = _neighbours[u.Loc];
            if (nb.Length == 0) continue;
            var v = ls.Nodes[nb[_rng.Int(nb.Length)]]!;
            if (v.Route is null) continue;
            var which = _rng.Int(3);
            ls.PropA.N = 0; ls.PropB.N = 0;
            bool two;
            if (which == 0) { _relocate.Evaluate(u, v); two = _relocate.TwoRoutes; }
            else if (which == 1) { _swap.Evaluate(u, v); two = _swap.TwoRoutes; }
            else { _tails.Evaluate(u, v); two = true; }
            if (ls.PropA.N == 0) continue; // the move does not apply to this pair
            if (!ls.Feasible(ls.PropA) || (two && !ls.Feasible(ls.PropB))) continue;
            ls.Apply(ls.PropA, two ? ls.PropB : null);
        }
    }
}
