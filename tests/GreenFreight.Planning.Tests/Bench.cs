using GreenFreight.Planning.Io;
using GreenFreight.Planning.Model;
using GreenFreight.Testing;

namespace GreenFreight.Planning.Tests;

/// <summary>Paths to the shared benchmark data.</summary>
static class Bench
{
    public static string Dir => Path.Combine(RepoRoot.Shared, "benchmarks");
    public static ProblemData Solomon(string name) => SolomonReader.Read(Path.Combine(Dir, "vrptw", "solomon", name + ".txt"));
    public static ProblemData Homberger(string name) => SolomonReader.Read(Path.Combine(Dir, "vrptw", "homberger_200", name + ".txt"));
    public static ProblemData X(string name) => VrplibReader.Read(Path.Combine(Dir, "cvrp", "X", name + ".vrp"));

    public static IEnumerable<string[]> Csv(string relative)
    {
        var lines = File.ReadAllLines(Path.Combine(Dir, relative));
        foreach (var l in lines.Skip(1)) if (l.Length > 0) yield return l.Split(',');
    }
}
