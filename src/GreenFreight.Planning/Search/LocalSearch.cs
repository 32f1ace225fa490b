using System.Diagnostics;
using GreenFreight.Planning.Evaluation;
using GreenFreight.Planning.Model;
using GreenFreight.Planning.Search.Operators;

namespace GreenFreight.Planning.Search;

/// <summary>
/// Granular local search (HGS / PyVRP style): for each client U and each V among U's neighbours, the node operators are
/// tried and the first improving move is applied; then SWAP* on route pairs whose sectors overlap; until no move improves.
/// Unassigned required clients are inserted at their best place; optional ones are inserted or removed when that pays.
/// Moves are evaluated through <see cref="Proposal"/>s: O(1) per part with the routes' prefix data, or with the exact
/// route evaluator when the problem needs it.
/// </summary>
internal sealed class LocalSearch
{
    public readonly ProblemData P;
    public CostEvaluator Cost;
    readonly RouteEvaluator _exact;
    readonly Rng _rng;
    public readonly Node?[] Nodes; // by location (clients only)
    public readonly SearchRoute[] Routes;
    readonly int[][] _neighbours;
    readonly INodeOperator[] _nodeOps;
    readonly SwapStar? _swapStar;
    readonly int[] _order;
    readonly int[] _lastTested;
    readonly int[] _buf;
    readonly List<Node> _listA = [], _listB = [];
    readonly bool _exactMode, _loopClients;
    public readonly Proposal PropA = new(), PropB = new();
    int _step;
    public long Evaluations, Moves;

    public long DeadlineTicks = long.MaxValue;
    public const double Eps = 1e-7;

    public LocalSearch(ProblemData p, CostEvaluator cost, Rng rng, int[][] neighbours, int[] vehiclesPerType, bool swapStar = true, bool exact = false)
    {
        P = p; Cost = cost; _rng = rng; _neighbours = neighbours;
        _exact = new RouteEvaluator(p);
        _exactMode = exact || p.NeedsExact;
        _loopClients = p.HasRestrictions || p.HasPrevious;
        Nodes = new Node?[p.Dim];
        for (var c = p.FirstClient; c < p.FirstCharger; c++) Nodes[c] = new Node(c);
        var routes = new List<SearchRoute>();
        for (var t = 0; t < p.VehicleTypes.Count; t++)
            for (var k = 0; k < vehiclesPerType[t]; k++) routes.Add(new SearchRoute(p, routes.Count, t));
        Routes = [.. routes];
        _order = new int[p.NumClients];
        for (var i = 0; i < _order.Length; i++) _order[i] = p.FirstClient + i;
        _lastTested = new int[p.Dim];
        _buf = new int[p.Dim * 2];
        _nodeOps =
        [
            new Exchange(this, 1, 0), new Exchange(this, 2, 0), new Exchange(this, 1, 1), new Exchange(this, 2, 1),
            new Exchange(this, 2, 2),
            new SwapTails(this), new TwoOpt(this),
        ];
        if (swapStar) _swapStar = new SwapStar(this);
    }

    public bool ExactMode => _exactMode;

    // ---------------------------------------------------------------- loading and exporting

    /// <summary>Loads routes (type, client locations); clients not in any route stay unassigned. Fixed stops go first.</summary>
    public void Load(IReadOnlyList<(int Type, int[] Clients)> routes)
    {
        foreach (var n in Nodes) if (n is not null) { n.Route = null; n.Fixed = false; }
        var used = new bool[Routes.Length];
        var placed = new bool[P.Dim];
        // Routes of types with fixed stops first get them, in order.
        for (var t = 0; t < P.VehicleTypes.Count; t++)
            if (P.FixedStops[t] is { Length: > 0 } fx)
                foreach (var c in fx) placed[c] = true;
        var lists = new List<Node>[Routes.Length];
        for (var i = 0; i < lists.Length; i++) lists[i] = [];
        for (var t = 0; t < P.VehicleTypes.Count; t++)
        {
            if (P.FixedStops[t] is not { Length: > 0 } fx) continue;
            var r = FirstRouteOfType(t, used);
            if (r < 0) continue;
            used[r] = true;
            foreach (var c in fx) { lists[r].Add(Nodes[c]!); Nodes[c]!.Fixed = true; }
        }
        foreach (var (type, clients) in routes)
        {
            int r;
            if (P.FixedStops[type] is { Length: > 0 })
            {
                r = -1;
                for (var i = 0; i < Routes.Length; i++) if (Routes[i].Type == type) { r = i; break; }
            }
            else r = FirstRouteOfType(type, used);
            if (r < 0) r = AnyFreeRoute(used, clients);
            if (r < 0) continue; // no vehicle left: clients stay unassigned
            used[r] = true;
            foreach (var c in clients)
            {
                if (placed[c]) continue;
                placed[c] = true;
                lists[r].Add(Nodes[c]!);
            }
        }
        for (var i = 0; i < Routes.Length; i++)
        {
            Routes[i].FixedCount = P.FixedStops[Routes[i].Type]?.Length ?? 0;
            Routes[i].SetClients(lists[i]);
            UpdateCost(Routes[i]);
            Routes[i].LastModified = 0;
        }
        _step = 1;
        ResetMarks();
    }

    int FirstRouteOfType(int type, bool[] used)
    {
        for (var i = 0; i < Routes.Length; i++) if (!used[i] && Routes[i].Type == type) return i;
        return -1;
    }

    int AnyFreeRoute(bool[] used, int[] clients)
    {
        for (var i = 0; i < Routes.Length; i++)
        {
            if (used[i]) continue;
            var ok = true;
            if (P.HasRestrictions) foreach (var c in clients) ok &= P.CanServe[Routes[i].Type * P.Dim + c];
            if (ok) return i;
        }
        return -1;
    }

    public List<(int Type, int[] Clients)> Export()
    {
        var list = new List<(int, int[])>();
        foreach (var r in Routes)
        {
            if (r.Empty) continue;
            var a = new int[r.Size];
            for (var i = 0; i < a.Length; i++) a[i] = r.Nodes[i + 1].Loc;
            list.Add((r.Type, a));
        }
        return list;
    }

    public double TotalCost()
    {
        var c = 0.0;
        foreach (var r in Routes) c += r.Cost;
        foreach (var n in Nodes) if (n is not null && n.Route is null) c += n.Fixed || P.Required[n.Loc] ? 1e9 : 0;
        return c;
    }

    // ---------------------------------------------------------------- costs

    public void UpdateCost(SearchRoute r)
    {
        if (r.Empty) { r.Cost = 0; r.Slack = 0; return; }
        if (_exactMode)
        {
            var n = 0;
            for (var i = 1; i < r.Count - 1; i++) _buf[n++] = r.Nodes[i].Loc;
            r.Exact = _exact.Evaluate(r.Type, _buf.AsSpan(0, n));
            r.Cost = Cost.Cost(P, r.Type, r.Exact);
            r.Slack = r.Cost - BoundTerms(r);
            return;
        }
        var t = r.Type;
        var last = r.Count - 1;
        var seg = r.Fwd[last];
        var cost = Cost.FixedCost[t] + Cost.CostPerDistance[t] * r.CumDist[last] + Cost.CostPerDuration[t] * seg.Duration
            + Cost.WeightPenalty * Math.Max(r.CumW[last] - r.CapW, 0) + Cost.VolumePenalty * Math.Max(r.CumV[last] - r.CapV, 0)
            + Cost.TimePenalty * seg.TotalTimeWarp(r.MaxDuration) - r.CumPrize[last];
        if (_loopClients)
            for (var i = 1; i < last; i++)
            {
                var loc = r.Nodes[i].Loc;
                if (!P.CanServe[t * P.Dim + loc]) { cost = double.PositiveInfinity; break; }
                if (P.PreviousType[loc] >= 0 && P.PreviousType[loc] != t) cost += P.ReassignCost;
            }
        r.Cost = cost;
        r.Slack = cost - BoundTerms(r);
    }

    /// <summary>The cost terms of the current route that the lower bounds of moves use (fixed, distance, load, prize).</summary>
    double BoundTerms(SearchRoute r)
    {
        var last = r.Count - 1;
        return Bound(r, r.CumDist[last], r.CumW[last], r.CumV[last], r.CumPrize[last], r.Size);
    }

    /// <summary>Lower bound of the cost of a route of <paramref name="r"/>'s vehicle with these totals (no duration terms).</summary>
    public double Bound(SearchRoute r, double dist, double w, double v, double prize, int size)
    {
        if (size == 0) return 0;
        var t = r.Type;
        return Cost.FixedCost[t] + Cost.CostPerDistance[t] * dist
            + Cost.WeightPenalty * Math.Max(w - r.CapW, 0) + Cost.VolumePenalty * Math.Max(v - r.CapV, 0) - prize;
    }

    static int FirstLoc(in Part q) => q.R is null ? q.Loc : q.R.Nodes[q.Reversed ? q.To : q.From].Loc;
    static int LastLoc(in Part q) => q.R is null ? q.Loc : q.R.Nodes[q.Reversed ? q.From : q.To].Loc;

    /// <summary>Distance, loads, prize and size of a proposal, and a lower bound of its cost (no duration terms).</summary>
    void Measure(Proposal pr)
    {
        var p = P;
        var dim = p.Dim;
        double dist = 0, w = 0, v = 0, prize = 0;
        var size = 0;
        var prev = -1;
        for (var k = 0; k < pr.N; k++)
        {
            ref var q = ref pr.Parts[k];
            var first = FirstLoc(q);
            if (prev >= 0) dist += p.Distance[prev * dim + first];
            if (q.R is null)
            {
                w += p.Weight[q.Loc]; v += p.Volume[q.Loc]; prize += p.Prize[q.Loc]; size++;
            }
            else
            {
                var r = q.R;
                if (!q.Reversed) dist += r.CumDist[q.To] - r.CumDist[q.From];
                else for (var i = q.To; i > q.From; i--) dist += p.Distance[r.Nodes[i].Loc * dim + r.Nodes[i - 1].Loc];
                var before = q.From > 0 ? q.From - 1 : 0;
                w += r.CumW[q.To] - (q.From > 0 ? r.CumW[before] : 0);
                v += r.CumV[q.To] - (q.From > 0 ? r.CumV[before] : 0);
                prize += r.CumPrize[q.To] - (q.From > 0 ? r.CumPrize[before] : 0);
                size += q.To - q.From + 1 - (q.From == 0 ? 1 : 0) - (q.To == r.Count - 1 ? 1 : 0);
            }
            prev = LastLoc(q);
        }
        pr.Dist = dist; pr.W = w; pr.V = v; pr.Prize = prize; pr.Size = size;
        var tr = pr.Target;
        var t = tr.Type;
        pr.LowerBound = size == 0 ? 0 : Cost.FixedCost[t] + Cost.CostPerDistance[t] * dist
            + Cost.WeightPenalty * Math.Max(w - tr.CapW, 0) + Cost.VolumePenalty * Math.Max(v - tr.CapV, 0) - prize;
    }

    /// <summary>Full penalised cost of a measured proposal.</summary>
    double FullCost(Proposal pr)
    {
        if (pr.Size == 0) return 0;
        var p = P;
        var tr = pr.Target;
        var t = tr.Type;
        if (_exactMode)
        {
            var n = Gather(pr, _buf);
            var st = _exact.Evaluate(t, _buf.AsSpan(0, n));
            return Cost.Cost(p, t, st);
        }
        var extra = 0.0;
        if (_loopClients)
        {
            for (var k = 0; k < pr.N; k++)
            {
                ref var q = ref pr.Parts[k];
                if (q.R is null) { extra += ClientExtra(t, q.Loc); continue; }
                for (var i = q.From; i <= q.To; i++)
                {
                    var loc = q.R.Nodes[i].Loc;
                    if (loc >= p.NumDepots) extra += ClientExtra(t, loc);
                }
            }
            if (double.IsPositiveInfinity(extra)) return extra;
        }
        var dim = p.Dim;
        var seg = PartSegment(pr.Parts[0]);
        var prev = LastLoc(pr.Parts[0]);
        for (var k = 1; k < pr.N; k++)
        {
            ref var q = ref pr.Parts[k];
            seg = DurationSegment.Merge(seg, PartSegment(q), p.Duration[prev * dim + FirstLoc(q)]);
            prev = LastLoc(q);
        }
        return pr.LowerBound + Cost.CostPerDuration[t] * seg.Duration + Cost.TimePenalty * seg.TotalTimeWarp(tr.MaxDuration) + extra;
    }

    double ClientExtra(int type, int loc)
    {
        if (!P.CanServe[type * P.Dim + loc]) return double.PositiveInfinity;
        return P.PreviousType[loc] >= 0 && P.PreviousType[loc] != type ? P.ReassignCost : 0;
    }

    DurationSegment PartSegment(in Part q)
    {
        var p = P;
        if (q.R is null) return DurationSegment.Visit(p.Service[q.Loc], p.TwEarly[q.Loc], p.TwLate[q.Loc]);
        if (!q.Reversed) return q.R.Between(q.From, q.To);
        var r = q.R;
        var seg = r.NodeSeg(q.To);
        for (var i = q.To - 1; i >= q.From; i--)
            seg = DurationSegment.Merge(seg, r.NodeSeg(i), p.Duration[r.Nodes[i + 1].Loc * p.Dim + r.Nodes[i].Loc]);
        return seg;
    }

    /// <summary>The client locations of a proposal, in order.</summary>
    int Gather(Proposal pr, int[] buf)
    {
        var n = 0;
        var nd = P.NumDepots;
        for (var k = 0; k < pr.N; k++)
        {
            ref var q = ref pr.Parts[k];
            if (q.R is null) { buf[n++] = q.Loc; continue; }
            if (!q.Reversed) { for (var i = q.From; i <= q.To; i++) { var l = q.R.Nodes[i].Loc; if (l >= nd && !IsDepotNode(q.R, i)) buf[n++] = l; } }
            else for (var i = q.To; i >= q.From; i--) { var l = q.R.Nodes[i].Loc; if (!IsDepotNode(q.R, i)) buf[n++] = l; }
        }
        return n;
    }

    static bool IsDepotNode(SearchRoute r, int i) => i == 0 || i == r.Count - 1;

    /// <summary>Cost change if route a (and b) became the proposals; ≥ 0 without computing durations when a lower bound
    /// already shows no gain.</summary>
    public double Delta(Proposal a, Proposal? b)
    {
        Evaluations++; SearchStats.Evaluations++;
        Measure(a);
        var current = a.Target.Cost;
        var lb = a.LowerBound;
        if (b is not null) { Measure(b); lb += b.LowerBound; current += b.Target.Cost; }
        if (lb - current >= 0) return lb - current;
        var full = FullCost(a) - current;
        if (b is not null && full < double.PositiveInfinity) full += FullCost(b);
        return full;
    }

    /// <summary>True when the proposed route breaks no constraint (load, time windows, duration, range...).</summary>
    public bool Feasible(Proposal pr)
    {
        Measure(pr);
        if (pr.Size == 0) return true;
        var tr = pr.Target;
        if (_exactMode)
        {
            var n = Gather(pr, _buf);
            return _exact.Evaluate(tr.Type, _buf.AsSpan(0, n)).Feasible;
        }
        if (pr.W > tr.CapW + 1e-9 || pr.V > tr.CapV + 1e-9) return false;
        if (_loopClients)
            for (var k = 0; k < pr.N; k++)
            {
                ref var q = ref pr.Parts[k];
                if (q.R is null) { if (!P.CanServe[tr.Type * P.Dim + q.Loc]) return false; continue; }
                for (var i = q.From; i <= q.To; i++)
                    if (!IsDepotNode(q.R, i) && !P.CanServe[tr.Type * P.Dim + q.R.Nodes[i].Loc]) return false;
            }
        var dim = P.Dim;
        var seg = PartSegment(pr.Parts[0]);
        var prev = LastLoc(pr.Parts[0]);
        for (var k = 1; k < pr.N; k++)
        {
            ref var q = ref pr.Parts[k];
            seg = DurationSegment.Merge(seg, PartSegment(q), P.Duration[prev * dim + FirstLoc(q)]);
            if (seg.TimeWarp > 1e-9) return false;
            prev = LastLoc(q);
        }
        return seg.TotalTimeWarp(tr.MaxDuration) <= 1e-9;
    }

    /// <summary>True when the route as it is breaks no constraint.</summary>
    public bool Feasible(SearchRoute r)
    {
        if (r.Empty) return true;
        if (_exactMode) return r.Exact.Feasible;
        var last = r.Count - 1;
        return r.CumW[last] <= r.CapW + 1e-9 && r.CumV[last] <= r.CapV + 1e-9 && r.Fwd[last].TotalTimeWarp(r.MaxDuration) <= 1e-9
            && !double.IsPositiveInfinity(r.Cost);
    }

    /// <summary>Sets a route's clients directly (nodes that leave it become unassigned).</summary>
    public void SetRoute(SearchRoute r, List<Node> clients)
    {
        for (var i = 1; i < r.Count - 1; i++) r.Nodes[i].Route = null;
        r.SetClients(clients);
        UpdateCost(r);
        r.LastModified = ++_step;
        Moves++;
    }

    /// <summary>Cost of a proposal on its own (for insertion / removal).</summary>
    public double ProposalCost(Proposal a)
    {
        Evaluations++;
        Measure(a);
        return FullCost(a);
    }

    public void Apply(Proposal a, Proposal? b)
    {
        Collect(a, _listA);
        if (b is not null) Collect(b, _listB);
        var ra = a.Target;
        var rb = b?.Target;
        // Nodes leaving the solution (removals) are unassigned first; the collected ones get their route back.
        MarkRemoved(ra, _listA, rb, b is null ? null : _listB);
        ra.SetClients(_listA);
        UpdateCost(ra);
        ra.LastModified = ++_step;
        if (rb is not null)
        {
            rb.SetClients(_listB);
            UpdateCost(rb);
            rb.LastModified = _step;
        }
        Moves++; SearchStats.Applied++;
    }

    void MarkRemoved(SearchRoute ra, List<Node> la, SearchRoute? rb, List<Node>? lb)
    {
        for (var i = 1; i < ra.Count - 1; i++) ra.Nodes[i].Route = null;
        if (rb is not null) for (var i = 1; i < rb.Count - 1; i++) rb.Nodes[i].Route = null;
    }

    void Collect(Proposal pr, List<Node> list)
    {
        list.Clear();
        for (var k = 0; k < pr.N; k++)
        {
            ref var q = ref pr.Parts[k];
            if (q.R is null) { list.Add(Nodes[q.Loc]!); continue; }
            if (!q.Reversed) { for (var i = q.From; i <= q.To; i++) if (!IsDepotNode(q.R, i)) list.Add(q.R.Nodes[i]); }
            else for (var i = q.To; i >= q.From; i--) if (!IsDepotNode(q.R, i)) list.Add(q.R.Nodes[i]);
        }
    }

    /// <summary>Removes one client from its route (it becomes unassigned).</summary>
    public void Remove(Node u)
    {
        var r = u.Route!;
        PropA.Reset(r).Add(r, 0, u.Idx - 1).AddSuffix(u.Idx + 1);
        Apply(PropA, null);
        u.Route = null;
    }

    // ---------------------------------------------------------------- search

    bool TimeUp() => DeadlineTicks != long.MaxValue && Stopwatch.GetTimestamp() > DeadlineTicks;

    /// <summary>Runs the local search to a local optimum (or the deadline).</summary>
    public void Search()
    {
        var t0 = Stopwatch.GetTimestamp();
        try { SearchCore(); } finally { SearchStats.SearchTicks += Stopwatch.GetTimestamp() - t0; }
    }

    void SearchCore()
    {
        // Every call starts with all marks cleared: a second search of the same routes (repair with higher penalties)
        // must test every move again, not skip them as "tested since the last change".
        ResetMarks();
        foreach (var r in Routes) UpdateCost(r);
        _rng.Shuffle(_order);
        var p = P;
        var improved = true;
        var pass = 0;
        while (improved)
        {
            improved = false;
            pass++; SearchStats.Passes++;
            for (var oi = 0; oi < _order.Length; oi++)
            {
                if ((oi & 31) == 0 && TimeUp()) return;
                var u = Nodes[_order[oi]]!;
                var lastTested = _lastTested[u.Loc];
                _lastTested[u.Loc] = _step;
                if (u.Route is null)
                {
                    if (TryInsert(u, p.Required[u.Loc])) improved = true;
                    continue;
                }
                if (u.Fixed) continue;
                if (!p.Required[u.Loc] && TryRemove(u)) { improved = true; continue; }
                var neigh = _neighbours[u.Loc];
                for (var ni = 0; ni < neigh.Length; ni++)
                {
                    var v = Nodes[neigh[ni]]!;
                    if (v.Route is null || u.Route is null) continue;
                    if (Math.Max(u.Route.LastModified, v.Route.LastModified) <= lastTested) continue;
                    if (TryNodeOps(u, v)) { improved = true; if (u.Route is null) break; }
                    // Also the position right after the depot, before V.
                    if (v.Route is not null && v.Idx == 1 && u.Route is not null && TryNodeOps(u, v.Route.StartDepot)) improved = true;
                    if (u.Route is null) break;
                }
                if (u.Route is not null && TryEmptyRoutes(u)) improved = true;
            }
            if (_swapStar is not null && !TimeUp())
            {
                var ts = Stopwatch.GetTimestamp();
                for (var i = 0; i < Routes.Length; i++)
                {
                    var a = Routes[i];
                    if (a.Empty) continue;
                    for (var j = i + 1; j < Routes.Length; j++)
                    {
                        var b = Routes[j];
                        if (b.Empty) continue;
                        if (Math.Max(a.LastModified, b.LastModified) < _swapStarTested[i * Routes.Length + j]) continue;
                        _swapStarTested[i * Routes.Length + j] = _step + 1;
                        if (!CircleSector.Overlap(a.Sector, b.Sector, 0)) continue;
                        if (_swapStar.Evaluate(a, b) < -Eps) { _swapStar.Apply(); improved = true; }
                    }
                }
                SearchStats.SwapStarTicks += Stopwatch.GetTimestamp() - ts;
            }
        }
    }

    int[] _swapStarTested = [];

    /// <summary>Resets the "tested since" bookkeeping (needed after loading a solution or changing penalties).</summary>
    public void ResetMarks()
    {
        if (_swapStarTested.Length != Routes.Length * Routes.Length) _swapStarTested = new int[Routes.Length * Routes.Length];
        else Array.Clear(_swapStarTested);
        Array.Clear(_lastTested);
        _step = Math.Max(_step, 1);
        foreach (var r in Routes) r.LastModified = _step;
        _step++;
    }

    bool TryNodeOps(Node u, Node v)
    {
        foreach (var op in _nodeOps)
        {
            if (u.Route is null || v.Route is null) return false;
            SearchStats.OpCalls++;
            if (op.Evaluate(u, v) < -Eps)
            {
                op.Apply();
                return true;
            }
        }
        return false;
    }

    bool TryEmptyRoutes(Node u)
    {
        var seen = 0UL;
        var any = false;
        foreach (var r in Routes)
        {
            if (!r.Empty) continue;
            var bit = 1UL << (r.Type & 63);
            if ((seen & bit) != 0) continue;
            seen |= bit;
            if (u.Route is null || u.Route.Size <= 1 && u.Route.Type == r.Type) continue;
            if (TryNodeOps(u, r.StartDepot)) any = true;
        }
        return any;
    }

    bool TryRemove(Node u)
    {
        var r = u.Route!;
        PropA.Reset(r).Add(r, 0, u.Idx - 1).AddSuffix(u.Idx + 1);
        if (ProposalCost(PropA) - r.Cost < -Eps) { Remove(u); return true; }
        return false;
    }

    /// <summary>Inserts an unassigned client at its best position (after a neighbour, at a route start, or in an empty
    /// route); for an optional client only if that lowers the cost.</summary>
    public bool TryInsert(Node u, bool required)
    {
        SearchRoute? bestR = null;
        var bestIdx = -1;
        var best = required ? double.PositiveInfinity : -Eps;
        void Test(SearchRoute r, int after)
        {
            if (after < r.FixedCount || after >= r.Count - 1) return;
            if (P.HasRestrictions && !P.CanServe[r.Type * P.Dim + u.Loc]) return;
            PropA.Reset(r).Add(r, 0, after).AddClient(u.Loc).AddSuffix(after + 1);
            var d = ProposalCost(PropA) - r.Cost;
            if (d < best) { best = d; bestR = r; bestIdx = after; }
        }
        foreach (var vl in _neighbours[u.Loc])
        {
            var v = Nodes[vl]!;
            if (v.Route is null) continue;
            Test(v.Route, v.Idx);
            if (v.Idx == 1) Test(v.Route, 0);
            else Test(v.Route, v.Idx - 1);
        }
        var seen = 0UL;
        foreach (var r in Routes)
        {
            if (!r.Empty) continue;
            var bit = 1UL << (r.Type & 63);
            if ((seen & bit) != 0) continue;
            seen |= bit;
            Test(r, 0);
        }
        if (bestR is null && required)
        {
            // No neighbour is routed (or none can take it): every position of every route.
            foreach (var r in Routes)
                for (var i = 0; i < r.Count - 1; i++) Test(r, i);
        }
        if (bestR is null) return false;
        PropA.Reset(bestR).Add(bestR, 0, bestIdx).AddClient(u.Loc).AddSuffix(bestIdx + 1);
        Apply(PropA, null);
        return true;
    }
}

/// <summary>Process-wide counters for benchmarks.</summary>
public static class SearchStats
{
    public static long Evaluations, SearchTicks, SwapStarTicks, Passes, OpCalls, Applied;
}
