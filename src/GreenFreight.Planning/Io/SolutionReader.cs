using System.Globalization;
using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Io;

/// <summary>Reads route files: CVRPLIB .sol ("Route #k: 1 2 3", "Cost N") and SINTEF ("Route  k : 1 2 3").
/// Customers are given by their ids in the instance (the client ids of the problem).</summary>
public static class SolutionReader
{
    public static (List<string[]> Routes, double? Cost) Parse(string text)
    {
        var routes = new List<string[]>();
        double? cost = null;
        foreach (var raw in text.Replace("\r", "").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("Route", StringComparison.OrdinalIgnoreCase))
            {
                var colon = line.IndexOf(':');
                if (colon < 0) throw new FormatException($"route line without ':': '{line}'");
                routes.Add(line[(colon + 1)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            }
            else if (line.StartsWith("Cost", StringComparison.OrdinalIgnoreCase))
                cost = double.Parse(line[4..].Trim(), CultureInfo.InvariantCulture);
        }
        return (routes, cost);
    }

    /// <summary>Builds a solution of <paramref name="problem"/> (all routes on vehicle type 0) from client ids.</summary>
    public static Solution ToSolution(ProblemData problem, IEnumerable<string[]> routes, int vehicleType = 0)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < problem.NumClients; c++) index[problem.Clients[c].Id] = problem.FirstClient + c;
        var list = new List<(int, int[])>();
        foreach (var r in routes)
        {
            var locs = new int[r.Length];
            for (var i = 0; i < r.Length; i++)
                locs[i] = index.TryGetValue(r[i], out var l) ? l : throw new FormatException($"unknown client '{r[i]}'");
            list.Add((vehicleType, locs));
        }
        return Solution.Create(problem, list);
    }

    public static Solution Read(ProblemData problem, string path) => ToSolution(problem, Parse(File.ReadAllText(path)).Routes);
}
