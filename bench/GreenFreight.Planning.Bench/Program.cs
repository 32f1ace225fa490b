using System.Diagnostics;
using System.Globalization;
using GreenFreight.Planning;
using GreenFreight.Planning.Io;

var file = args[0];
var secs = double.Parse(args[1], CultureInfo.InvariantCulture);
var p = file.EndsWith(".vrp") ? VrplibReader.Read(file) : SolomonReader.Read(file);
var sw = Stopwatch.StartNew();
var r = Solver.Solve(p, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(secs), Seed = 1,
    Progress = pr => Console.WriteLine($"  {pr.Elapsed.TotalSeconds,6:F2}s it {pr.Iterations,6} {pr.Phase} veh {pr.Vehicles} dist {pr.Distance:F2} feas {pr.Feasible}") });
Console.WriteLine($"{p.Name}: veh {r.Best.Vehicles} dist {r.Best.Distance:F2} feasible {r.Best.Feasible} iters {r.Iterations} rm {r.VehiclesAfterRouteMinimisation} ttb {r.TimeToBest.TotalSeconds:F1}");
