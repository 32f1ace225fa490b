using System.Diagnostics;
using GreenFreight.Planning.Evaluation;
using GreenFreight.Planning.Genetic;
using GreenFreight.Planning.Model;
using GreenFreight.Planning.Search;

namespace GreenFreight.Planning;

/// <summary>Options of <see cref="Solver.Solve"/>. Stop at the time limit, the iteration limit or cancellation,
/// whichever comes first; with neither limit the solver stops after 20,000 iterations without improvement.</summary>
public sealed class SolverOptions
{
    public TimeSpan? TimeLimit { get; init; }
    /// <summary>Genetic iterations (offspring); with no time limit the run is fully deterministic for a seed.</summary>
    public long? MaxIterations { get; init; }
    public ulong Seed { get; init; } = 1;
    /// <summary>Independent searches run in parallel (seeds Seed, Seed+1, ...); the best result is kept.</summary>
    public int Threads { get; init; } = 1;
    /// <summary>Called on every new best solution and at least every <see cref="ProgressInterval"/>.</summary>
    public Action<SolverProgress>? Progress { get; init; }
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>A starting plan (re-planning: the current routes); its clients are kept where they are as far as it pays.</summary>
    public IReadOnlyList<(int VehicleType, int[] Clients)>? InitialSolution { get; init; }
    public int Neighbours { get; init; } = 40;
    /// <summary>Route minimisation before the distance search (hierarchical objective; default on there).</summary>
    public bool? RouteMinimisation { get; init; }
    /// <summary>Share of the time limit the route minimisation may use at most.</summary>
    public double RouteMinimisationShare { get; init; } = 0.4;
    /// <summary>Iterations without improvement before the population is restarted.</summary>
    public int RestartAfter { get; init; } = 20_000;
    public int PopulationSize { get; init; } = 25;
    public int GenerationSize { get; init; } = 40;
}

public sealed record SolverProgress(TimeSpan Elapsed, long Iterations, string Phase, int Vehicles, double Distance, double Cost, bool Feasible);

/// <summary>The outcome of a solve: the best solution (exactly evaluated) and how the run went.</summary>
public sealed class SolveResult
{
    public required Solution Best { get; init; }
    public long Iterations { get; init; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>When the best solution was found.</summary>
    public TimeSpan TimeToBest { get; init; }
    /// <summary>Vehicles after route minimisation (hierarchical objective), or null.</summary>
    public int? VehiclesAfterRouteMinimisation { get; init; }
    public bool Cancelled { get; init; }
}

/// <summary>
/// Hybrid genetic search (HGS, Vidal 2012/2022; shaped like PyVRP): a population of local optima, SREX crossover,
/// granular local search with penalties for infeasible intermediate solutions, broken-pairs diversity, restarts. For the
/// hierarchical objective a route minimisation phase first finds the fewest vehicles, then the genetic search minimises
/// the distance with that fleet. Deterministic for a seed (and thread count) when stopped by iterations.
/// </summary>
public static class Solver
{
    public static SolveResult Solve(ProblemData problem, SolverOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threads <= 1) return new Engine(problem, options, options.Seed, cancellationToken).Run();
        var results = new SolveResult[options.Threads];
        var lockObj = new object();
        Parallel.For(0, options.Threads, new ParallelOptions { MaxDegreeOfParallelism = options.Threads }, i =>
        {
            var o = options;
            if (i > 0 && options.Progress is not null)
                o = new SolverOptions
                {
                    TimeLimit = options.TimeLimit, MaxIterations = options.MaxIterations, Seed = options.Seed, InitialSolution = options.InitialSolution,
                    Neighbours = options.Neighbours, RouteMinimisation = options.RouteMinimisation, RouteMinimisationShare = options.RouteMinimisationShare,
                    RestartAfter = options.RestartAfter, PopulationSize = options.PopulationSize, GenerationSize = options.GenerationSize,
                };
            results[i] = new Engine(problem, o, options.Seed + (ulong)i, cancellationToken).Run();
        });
        var best = results[0];
        long iterations = 0;
        foreach (var r in results)
        {
            iterations += r.Iterations;
            if (r.Best.IsBetterThan(best.Best)) best = r;
        }
        return new SolveResult
        {
            Best = best.Best, Iterations = iterations, Elapsed = results.Max(r => r.Elapsed), TimeToBest = best.TimeToBest,
            VehiclesAfterRouteMinimisation = best.VehiclesAfterRouteMinimisation, Cancelled = best.Cancelled,
        };
    }

    sealed class Engine
    {
        readonly ProblemData _p;
        readonly SolverOptions _o;
        readonly Rng _rng;
        readonly CancellationToken _ct;
        readonly Stopwatch _sw = Stopwatch.StartNew();
        readonly long _deadline;
        readonly CostEvaluator _ce;
        readonly RouteEvaluator _exact;
        readonly int[][] _neighbours;
        Individual? _best;
        TimeSpan _timeToBest;
        long _iter;
        TimeSpan _lastProgress;
        string _phase = "start";

        public Engine(ProblemData p, SolverOptions o, ulong seed, CancellationToken ct)
        {
            _p = p; _o = o; _ct = ct;
            _rng = new Rng(seed);
            _deadline = o.TimeLimit is { } t ? Stopwatch.GetTimestamp() + (long)(t.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
            _ce = new CostEvaluator(p);
            _exact = new RouteEvaluator(p);
            _neighbours = Neighbours.Compute(p, o.Neighbours);
        }

        bool Stop() => _ct.IsCancellationRequested || Stopwatch.GetTimestamp() >= _deadline || (_o.MaxIterations is { } m && _iter >= m);

        bool Better(Individual a, Individual? b)
        {
            if (b is null) return true;
            if (a.Feasible != b.Feasible) return a.Feasible;
            if (_p.Objective == Objective.Hierarchical && a.NumRoutes != b.NumRoutes) return a.NumRoutes < b.NumRoutes;
            return a.Objective < b.Objective - 1e-9;
        }

        void Consider(Individual ind)
        {
            if (!Better(ind, _best)) return;
            _best = ind;
            _timeToBest = _sw.Elapsed;
            Report(true);
        }

        void Report(bool force)
        {
            if (_o.Progress is null || _best is null) return;
            var e = _sw.Elapsed;
            if (!force && e - _lastProgress < _o.ProgressInterval) return;
            _lastProgress = e;
            _o.Progress(new SolverProgress(e, _iter, _phase, _best.NumRoutes, _best.Distance, _best.Objective, _best.Feasible));
        }

        Individual Make(LocalSearch ls) => new(_p, _ce, _exact, ls.Export());

        int[] Fleet(int cap)
        {
            var f = new int[_p.VehicleTypes.Count];
            for (var t = 0; t < f.Length; t++) f[t] = Math.Min(_p.VehicleTypes[t].Count, Math.Min(cap, Math.Max(_p.NumClients, 1)));
            return f;
        }

        public SolveResult Run()
        {
            var p = _p;
            var pm = new PenaltyManager(p, _ce);
            int? afterRm = null;
            var fleet = Fleet(int.MaxValue);
            var rm = _o.RouteMinimisation ?? p.Objective == Objective.Hierarchical;
            List<(int, int[])>? seedSolution = null;
            if (_o.InitialSolution is { } init) seedSolution = [.. init];

            if (rm && p.NumClients > 0)
            {
                _phase = "route minimisation";
                var ls0 = new LocalSearch(p, _ce, _rng, _neighbours, fleet);
                var start = Construct(ls0, seedSolution);
                Consider(start);
                if (start.Feasible)
                {
                    var rmDeadline = _o.TimeLimit is { } t
                        ? Stopwatch.GetTimestamp() + (long)(t.TotalSeconds * _o.RouteMinimisationShare * Stopwatch.Frequency)
                        : long.MaxValue;
                    var minimiser = new RouteMinimiser(ls0, _rng, _neighbours);
                    var steps = _o.MaxIterations is { } mi ? Math.Max(100, mi) : 20L * p.NumClients + 2000;
                    var routes = minimiser.Run(LowerBound(), maxFailures: 8, stepsPerAttempt: steps, Math.Min(rmDeadline, _deadline), _ct,
                        _ => Report(false));
                    var ind = new Individual(p, _ce, _exact, routes);
                    Consider(ind);
                    seedSolution = routes;
                    afterRm = ind.NumRoutes;
                    // The distance search keeps this fleet size.
                    var byType = new int[p.VehicleTypes.Count];
                    foreach (var (t2, _) in routes) byType[t2]++;
                    for (var t2 = 0; t2 < fleet.Length; t2++) fleet[t2] = Math.Min(fleet[t2], byType[t2]);
                }
            }

            _phase = "genetic search";
            var ls = new LocalSearch(p, _ce, _rng, _neighbours, fleet) { DeadlineTicks = _deadline };
            var pop = new Population(p.FirstClient, p.FirstCharger, _rng, _o.PopulationSize, _o.GenerationSize);
            var initialRoutes = EstimateRoutes(fleet);
            if (_best is null || !_best.Feasible)
            {
                // A feasible start (cheapest insertion with very high penalties) so that a plan exists early.
                var start = Construct(ls, seedSolution);
                Consider(start);
                if (start.Feasible) seedSolution ??= [.. start.Routes];
            }
            void Initialise()
            {
                // Searches from the feasible start / best solution use strict penalties (1000× the current ones), so that
                // they stay feasible and only shorten: with the low starting penalties they came back infeasible and the
                // distance phase kept the route minimiser's long routes (e.g. GH r1_2_1 +40 %). They are not registered
                // with the penalty manager (they would bias its feasible share).
                var strict = _ce.Clone(1000);
                if (seedSolution is not null)
                {
                    ls.Load(seedSolution);
                    ls.Cost = strict; ls.Search(); ls.Cost = _ce;
                    var s = Make(ls);
                    pop.Add(s, _ce); Consider(s);
                }
                if (_best is not null && _best.Feasible) pop.Add(_best, _ce);
                for (var i = 0; i < _o.PopulationSize && !Stop(); i++)
                {
                    // Half random solutions, half the best known one with a random 15–40 % of its clients taken out.
                    var ruin = _best is { Feasible: true } && (i & 1) == 1;
                    ls.Load(ruin ? Ruin(_best!, 0.15 + 0.25 * _rng.Double()) : RandomSolution(fleet, initialRoutes));
                    if (ruin) ls.Cost = strict;
                    ls.Search();
                    ls.Cost = _ce;
                    var ind = Make(ls);
                    pop.Add(ind, _ce); if (!ruin) pm.Register(ind); Consider(ind);
                    _iter++;
                }
            }
            Initialise();
            var sinceImprovement = 0;
            var repairEvaluator = _ce.Clone(10);
            while (!Stop())
            {
                _iter++;
                var a = pop.Select(_ce);
                var b = pop.Select(_ce);
                for (var k = 0; k < 3 && ReferenceEquals(a, b) && pop.Count > 1; k++) b = pop.Select(_ce);
                var child = Srex.Cross(p, a, b, _rng, _ce, _exact);
                ls.Load(child);
                ls.Search();
                var ind = Make(ls);
                var before = _best;
                pop.Add(ind, _ce);
                pm.Register(ind);
                Consider(ind);
                if (!ind.Feasible && _rng.Double() < 0.5 && !Stop())
                {
                    repairEvaluator.WeightPenalty = _ce.WeightPenalty * 10;
                    repairEvaluator.VolumePenalty = _ce.VolumePenalty * 10;
                    repairEvaluator.TimePenalty = _ce.TimePenalty * 10;
                    ls.Cost = repairEvaluator;
                    ls.Search();
                    ls.Cost = _ce;
                    var rep = Make(ls);
                    if (rep.Feasible) { pop.Add(rep, _ce); Consider(rep); }
                }
                if (!ReferenceEquals(before, _best)) sinceImprovement = 0;
                else if (++sinceImprovement >= _o.RestartAfter)
                {
                    pop.Clear();
                    sinceImprovement = 0;
                    Initialise();
                }
                Report(false);
            }
            Report(true);
            var bestRoutes = _best is null ? [] : _best.Routes;
            var sol = Solution.Create(p, bestRoutes);
            return new SolveResult
            {
                Best = sol, Iterations = _iter, Elapsed = _sw.Elapsed, TimeToBest = _timeToBest,
                VehiclesAfterRouteMinimisation = afterRm, Cancelled = _ct.IsCancellationRequested,
            };
        }

        /// <summary>A feasible start: cheapest insertion and local search with very high penalties (new routes are opened
        /// rather than breaking a constraint), from the given plan if any.</summary>
        Individual Construct(LocalSearch ls, List<(int, int[])>? from)
        {
            var saved = (_ce.WeightPenalty, _ce.VolumePenalty, _ce.TimePenalty);
            _ce.WeightPenalty = _ce.VolumePenalty = _ce.TimePenalty = 1e6;
            ls.Load(from ?? []);
            ls.Search();
            var ind = Make(ls);
            (_ce.WeightPenalty, _ce.VolumePenalty, _ce.TimePenalty) = saved;
            return ind;
        }

        /// <summary>Vehicles needed at least by load (per dimension), with one vehicle type's capacity.</summary>
        int LowerBound()
        {
            double w = 0, v = 0, capW = 0, capV = 0;
            for (var c = _p.FirstClient; c < _p.FirstCharger; c++) if (_p.Required[c]) { w += _p.Weight[c]; v += _p.Volume[c]; }
            foreach (var vt in _p.VehicleTypes) { capW = Math.Max(capW, vt.WeightCapacity * vt.MaxTrips); capV = Math.Max(capV, vt.VolumeCapacity * vt.MaxTrips); }
            var lb = 1;
            if (capW > 0 && !double.IsInfinity(capW)) lb = Math.Max(lb, (int)Math.Ceiling(w / capW - 1e-9));
            if (capV > 0 && !double.IsInfinity(capV)) lb = Math.Max(lb, (int)Math.Ceiling(v / capV - 1e-9));
            return lb;
        }

        int EstimateRoutes(int[] fleet)
        {
            var total = 0;
            foreach (var f in fleet) total += f;
            var lb = LowerBound();
            return Math.Clamp((int)Math.Ceiling(lb * 1.1) + 1, 1, Math.Max(total, 1));
        }

        List<(int, int[])> Ruin(Individual ind, double share)
        {
            var result = new List<(int, int[])>(ind.Routes.Length);
            foreach (var (t, cl) in ind.Routes)
            {
                var keep = new List<int>(cl.Length);
                foreach (var c in cl) if (_rng.Double() >= share) keep.Add(c);
                result.Add((t, [.. keep]));
            }
            return result;
        }

        /// <summary>Clients in random order cut into about <paramref name="routes"/> routes over the available vehicles.</summary>
        List<(int, int[])> RandomSolution(int[] fleet, int routes)
        {
            var clients = new int[_p.NumClients];
            for (var i = 0; i < clients.Length; i++) clients[i] = _p.FirstClient + i;
            _rng.Shuffle(clients);
            var types = new List<int>();
            for (var t = 0; t < fleet.Length; t++) for (var k = 0; k < fleet[t]; k++) types.Add(t);
            if (types.Count == 0) return [];
            _rng.Shuffle(types.ToArray().AsSpan()); // keep order deterministic below
            var n = Math.Min(routes, types.Count);
            var result = new List<(int, int[])>(n);
            var per = (clients.Length + n - 1) / n;
            for (var r = 0; r < n; r++)
            {
                var from = r * per;
                if (from >= clients.Length) break;
                var len = Math.Min(per, clients.Length - from);
                var type = types[(r * 7919) % types.Count];
                var list = new List<int>(len);
                for (var i = from; i < from + len; i++)
                    if (!_p.HasRestrictions || _p.CanServe[type * _p.Dim + clients[i]]) list.Add(clients[i]);
                result.Add((type, [.. list]));
            }
            return result;
        }
    }
}
