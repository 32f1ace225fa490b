using System.Globalization;
using System.Text.Json;
using GreenFreight.Planning;
using GreenFreight.Planning.Io;
using GreenFreight.Planning.Model;

namespace GreenFreight.Cli;

/// <summary><c>greenfreight plan &lt;file&gt; [--format solomon|vrplib|json] [--time-limit SEC] [--seed N] [--iterations N] [--json]</c></summary>
public static class PlanCommand
{
    public const string Usage = "用法 usage: greenfreight plan <file> [--format solomon|vrplib|json] [--time-limit SEC] [--seed N] [--iterations N] [--json]";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? file = null, format = null;
        double seconds = 10;
        ulong seed = 1;
        long? iterations = null;
        var json = false;
        var inv = CultureInfo.InvariantCulture;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            try
            {
                switch (args[i])
                {
                    case "--format": format = Next(); break;
                    case "--time-limit": seconds = double.TryParse(Next(), NumberStyles.Float, inv, out var s) && s > 0 ? s : throw new ArgumentException("--time-limit must be a positive number of seconds"); break;
                    case "--seed": seed = ulong.TryParse(Next(), NumberStyles.None, inv, out var sd) ? sd : throw new ArgumentException("--seed must be a non-negative integer"); break;
                    case "--iterations": iterations = long.TryParse(Next(), NumberStyles.None, inv, out var it) && it > 0 ? it : throw new ArgumentException("--iterations must be a positive integer"); break;
                    case "--json": json = true; break;
                    default:
                        if (args[i].StartsWith("--", StringComparison.Ordinal) || file is not null) throw new ArgumentException($"unexpected argument '{args[i]}'");
                        file = args[i];
                        break;
                }
            }
            catch (ArgumentException ex) { error.WriteLine($"错误 error: {ex.Message}\n{Usage}"); return CliApp.Usage; }
        }
        if (file is null) { error.WriteLine(Usage); return CliApp.Usage; }
        if (!File.Exists(file)) { error.WriteLine($"文件不存在 file not found: {file}"); return CliApp.Usage; }
        format ??= Path.GetExtension(file).ToLowerInvariant() switch { ".vrp" => "vrplib", ".json" => "json", _ => "solomon" };
        ProblemData problem;
        try
        {
            problem = format switch
            {
                "solomon" => SolomonReader.Read(file),
                "vrplib" => VrplibReader.Read(file),
                "json" => JsonProblemReader.Read(file),
                _ => throw new FormatException($"unknown format '{format}' (solomon, vrplib, json)"),
            };
        }
        catch (FormatException ex) { error.WriteLine($"输入有误 bad input in {file}: {ex.Message}"); return CliApp.Failed; }
        catch (ArgumentException ex) { error.WriteLine($"输入有误 bad input in {file}: {ex.Message}"); return CliApp.Failed; }

        var options = new SolverOptions
        {
            TimeLimit = iterations is null ? TimeSpan.FromSeconds(seconds) : null, MaxIterations = iterations, Seed = seed,
            Progress = json ? null : p => error.WriteLine(string.Create(inv, $"  {p.Elapsed.TotalSeconds,6:F1} s  {p.Phase}  vehicles {p.Vehicles}  distance {p.Distance:F2}  {(p.Feasible ? "feasible" : "infeasible")}")),
        };
        var result = Solver.Solve(problem, options);
        var best = result.Best;
        var routes = best.RouteIds().ToList();
        if (json)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteNumber("vehicles", best.Vehicles);
                w.WriteNumber("distance", Math.Round(best.Distance, 6));
                w.WriteNumber("cost", Math.Round(best.Cost, 6));
                w.WriteBoolean("feasible", best.Feasible);
                w.WriteStartArray("routes");
                foreach (var r in routes)
                {
                    w.WriteStartArray();
                    foreach (var id in r)
                    {
                        if (long.TryParse(id, NumberStyles.None, inv, out var num)) w.WriteNumberValue(num); else w.WriteStringValue(id);
                    }
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        }
        else
        {
            output.WriteLine(string.Create(inv, $"{problem.Name}: {best.Vehicles} vehicles, distance {best.Distance:F2}, cost {best.Cost:F2}, {(best.Feasible ? "feasible" : "INFEASIBLE")}, {result.Iterations} iterations in {result.Elapsed.TotalSeconds:F1} s"));
            for (var i = 0; i < routes.Count; i++) output.WriteLine($"  Route {i + 1}: {string.Join(' ', routes[i])}");
            if (best.Unassigned.Count > 0) output.WriteLine($"  unassigned: {string.Join(' ', best.Unassigned.Select(u => problem.ClientAt(u).Id))}");
        }
        return best.Feasible ? CliApp.Ok : CliApp.Failed;
    }
}
