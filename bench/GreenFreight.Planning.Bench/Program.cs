using System.Diagnostics;
using System.Globalization;
using GreenFreight.Planning;
using GreenFreight.Planning.Io;

var file = args[0];
var secs = double.Parse(args[1], CultureInfo.InvariantCulture);
var p = file.EndsWith(".vrp") ? VrplibReader.Read(file) : SolomonReader.Read(file);
var sw = Stopwatch.StartNew();
var iters = args.Length > 2 ? long.Parse(args[2]) : (long?)null;
var r = Solver.Solve(p, new SolverOptions { TimeLimit = iters is null ? TimeSpan.FromSeconds(secs) : null, MaxIterations = iters, Seed = 1, RouteMinimisation = args.Length > 3 ? false : null,
    Progress = pr => { if (Environment.GetEnvironmentVariable("GF_VERBOSE") == "1") Console.WriteLine($"  {pr.Elapsed.TotalSeconds,6:F2}s it {pr.Iterations,6} {pr.Phase} veh {pr.Vehicles} dist {pr.Distance:F2} feas {pr.Feasible}"); } });
Console.WriteLine($"{p.Name}: veh {r.Best.Vehicles} dist {r.Best.Distance:F2} feasible {r.Best.Feasible} iters {r.Iterations} rm {r.VehiclesAfterRouteMinimisation} ttb {r.TimeToBest.TotalSeconds:F1} elapsed {sw.Elapsed.TotalSeconds:F2} evals {GreenFreight.Planning.Search.SearchStats.Evaluations} ls {GreenFreight.Planning.Search.SearchStats.SearchTicks / (double)Stopwatch.Frequency:F2}s swapstar {GreenFreight.Planning.Search.SearchStats.SwapStarTicks / (double)Stopwatch.Frequency:F2}s passes {GreenFreight.Planning.Search.SearchStats.Passes} opcalls {GreenFreight.Planning.Search.SearchStats.OpCalls} applied {GreenFreight.Planning.Search.SearchStats.Applied}");
