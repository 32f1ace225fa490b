using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GreenFreight.Planning;
using GreenFreight.Planning.Bench;
using GreenFreight.Planning.Io;
using GreenFreight.Planning.Model;

// Side-by-side benchmark of the GreenFreight planner and Google OR-Tools on the shared literature sets.
//
//   dotnet build -c Release bench/GreenFreight.Planning.Bench
//   dotnet bench/GreenFreight.Planning.Bench/bin/Release/net10.0/GreenFreight.Planning.Bench.dll \
//       --set solomon --time-limit 10 --solver both [--filter R1] [--max-customers 300] [--seed 1] [--json out.json]
//   ... --scaling FILE[,FILE...] --time-limit 30     (time and peak memory per instance, e.g. 200 / 400 / 1000 clients)
// Options: --set solomon|homberger|x, --solver ours|ortools|both, --filter REGEX (instance names), --max-customers N,
//          --shared DIR (default ../shared beside the repository), --threads N (ours; default 1),
//          --merge A.json,B.json (join the JSON files of two parallel halves of a run into one table).

var inv = CultureInfo.InvariantCulture;
string Arg(string name, string def) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : def; }
var set = Arg("--set", "solomon");
var limit = double.Parse(Arg("--time-limit", set == "solomon" ? "10" : "30"), inv);
var solver = Arg("--solver", "both");
var filter = Arg("--filter", "");
var maxCustomers = int.Parse(Arg("--max-customers", set == "x" ? "300" : "100000"), inv);
var seed = ulong.Parse(Arg("--seed", "1"), inv);
var threads = int.Parse(Arg("--threads", "1"), inv);
var jsonOut = Arg("--json", "");
var shared = Arg("--shared", FindShared());
var scaling = Arg("--scaling", "");
var merge = Arg("--merge", "");
var bench = Path.Combine(shared, "benchmarks");

Console.WriteLine($"GreenFreight planning benchmark  {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}  {Environment.ProcessorCount} cores  .NET {Environment.Version}");
Console.WriteLine($"command: {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}");

if (merge.Length > 0)
{
    // Two halves of one side-by-side run (ours and OR-Tools as two parallel processes): join them per instance.
    var jsonOptions = new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
    var parts = merge.Split(',').Select(f => JsonSerializer.Deserialize<List<Row>>(File.ReadAllText(f), jsonOptions) ?? []).ToList();
    var joined = new List<Row>();
    foreach (var first in parts[0])
    {
        var row = first;
        foreach (var other in parts.Skip(1).Select(l => l.FirstOrDefault(r => r.Instance == first.Instance)).OfType<Row>())
        {
            if (row.OursVehicles == 0) { row.OursVehicles = other.OursVehicles; row.OursDistance = other.OursDistance; row.OursFeasible = other.OursFeasible; row.OursTtb = other.OursTtb; }
            if (row.OrVehicles == 0) { row.OrVehicles = other.OrVehicles; row.OrDistance = other.OrDistance; row.OrFeasible = other.OrFeasible; row.OrTtb = other.OrTtb; }
            row.OtherCpu = Math.Max(row.OtherCpu, other.OtherCpu);
        }
        joined.Add(row);
    }
    Console.WriteLine("| instance | class | BKS veh | BKS | ours veh | ours dist | ours gap | ours ttb (s) | OR veh | OR dist | OR gap | OR ttb (s) | other CPU |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in joined) Console.WriteLine(r.Markdown());
    Console.WriteLine();
    Console.WriteLine(Summary(joined, joined.Any(r => r.Class.StartsWith('X')) ? "x" : set));
    return 0;
}

if (scaling.Length > 0)
{
    foreach (var f in scaling.Split(','))
    {
        var p = f.EndsWith(".vrp", StringComparison.Ordinal) ? VrplibReader.Read(f) : SolomonReader.Read(f);
        var cpu = Cpu.Start();
        var sw = Stopwatch.StartNew();
        var r = Solver.Solve(p, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(limit), Seed = seed, Threads = threads });
        var (own, other) = cpu.Stop();
        var proc = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(inv, $"| {p.Name} | {p.NumClients} | {r.Best.Vehicles} | {r.Best.Distance:F2} | {r.Best.Feasible} | {r.Iterations} | {sw.Elapsed.TotalSeconds:F1} s | {proc.PeakWorkingSet64 / 1048576.0:F0} MB | {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F0} MB | {other:P0} |"));
    }
    return 0;
}

var instances = LoadSet(set).Where(i => i.Customers <= maxCustomers && (filter.Length == 0 || Regex.IsMatch(i.Name, filter, RegexOptions.IgnoreCase))).ToList();
Console.WriteLine($"set {set}: {instances.Count} instances, {limit} s each, solver {solver}, seed {seed}, threads {threads}");
Console.WriteLine();
Console.WriteLine("| instance | class | BKS veh | BKS | ours veh | ours dist | ours gap | ours ttb (s) | OR veh | OR dist | OR gap | OR ttb (s) | other CPU |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
var rows = new List<Row>();
foreach (var inst in instances)
{
    var p = inst.Load();
    var row = new Row { Instance = inst.Name, Class = inst.Class, BksVehicles = inst.BksVehicles, Bks = inst.Bks };
    var cpu = Cpu.Start();
    if (solver is "ours" or "both")
    {
        var r = Solver.Solve(p, new SolverOptions { TimeLimit = TimeSpan.FromSeconds(limit), Seed = seed, Threads = threads });
        row.OursVehicles = r.Best.Vehicles; row.OursDistance = r.Best.Distance; row.OursFeasible = r.Best.Feasible; row.OursTtb = r.TimeToBest.TotalSeconds;
    }
    if (solver is "ortools" or "both")
    {
        var vehicles = set == "x" ? inst.BksVehicles + Math.Max(2, inst.BksVehicles / 5) : p.VehicleTypes[0].Count;
        var (routes, ttb) = OrTools.Solve(p, vehicles, limit, set != "x");
        var s = Solution.Create(p, routes);
        row.OrVehicles = s.Vehicles; row.OrDistance = s.Distance; row.OrFeasible = s.Feasible && s.MissingRequired == 0; row.OrTtb = ttb;
    }
    row.OtherCpu = cpu.Stop().Other;
    rows.Add(row);
    Console.WriteLine(row.Markdown());
}
Console.WriteLine();
Console.WriteLine(Summary(rows, set));
if (jsonOut.Length > 0) File.WriteAllText(jsonOut, JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
return 0;

static string Summary(List<Row> rows, string set)
{
    var inv = CultureInfo.InvariantCulture;
    var sb = new StringBuilder();
    var hier = set != "x";
    sb.AppendLine(hier
        ? "| class | n | BKS veh | ours veh | ours = BKS veh | ours gap (those) | ours gap (all) | OR veh | OR = BKS veh | OR gap (those) | OR gap (all) |"
        : "| class | n | ours mean gap | ours max gap | OR mean gap | OR max gap |");
    sb.AppendLine(hier ? "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|" : "|---|---:|---:|---:|---:|---:|");
    foreach (var g in rows.GroupBy(r => r.Class).Append(rows.GroupBy(_ => "all").First()))
    {
        var l = g.ToList();
        string Gap(IEnumerable<double> x) { var a = x.Where(v => !double.IsNaN(v)).ToList(); if (a.Count == 0) return "–"; var m = Math.Round(a.Average(), 2) + 0.0; if (m == 0) m = 0; return (m >= 0 ? "+" : "") + m.ToString("F2", inv) + " %"; }
        if (hier)
        {
            var ob = l.Where(r => r.OursVehicles == r.BksVehicles && r.OursFeasible).ToList();
            var tb = l.Where(r => r.OrVehicles == r.BksVehicles && r.OrFeasible).ToList();
            sb.AppendLine(string.Create(inv, $"| {g.Key} | {l.Count} | {l.Sum(r => r.BksVehicles)} | {l.Sum(r => r.OursVehicles)} | {ob.Count} | {Gap(ob.Select(r => r.OursGap))} | {Gap(l.Select(r => r.OursGap))} | {l.Sum(r => r.OrVehicles)} | {tb.Count} | {Gap(tb.Select(r => r.OrGap))} | {Gap(l.Select(r => r.OrGap))} |"));
        }
        else
            sb.AppendLine(string.Create(inv, $"| {g.Key} | {l.Count} | {Gap(l.Select(r => r.OursGap))} | {(l.Count == 0 ? 0 : l.Select(r => r.OursGap).Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Max()):F2} % | {Gap(l.Select(r => r.OrGap))} | {(l.Count == 0 ? 0 : l.Select(r => r.OrGap).Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Max()):F2} % |"));
    }
    return sb.ToString();
}

List<Instance> LoadSet(string name)
{
    var list = new List<Instance>();
    IEnumerable<string[]> Csv(string rel) => File.ReadAllLines(Path.Combine(bench, rel)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','));
    switch (name)
    {
        case "solomon":
            foreach (var r in Csv("vrptw/bks_solomon.csv"))
            {
                var f = Path.Combine(bench, "vrptw", "solomon", r[0] + ".txt");
                list.Add(new Instance(r[0], r[1], int.Parse(r[2], inv), int.Parse(r[5], inv), double.Parse(r[6], inv), () => SolomonReader.Read(f)));
            }
            break;
        case "homberger":
            foreach (var r in Csv("vrptw/bks_homberger_200.csv"))
            {
                var f = Path.Combine(bench, "vrptw", "homberger_200", r[0] + ".txt");
                list.Add(new Instance(r[0], r[0].Split('_')[0].ToUpperInvariant(), int.Parse(r[1], inv), int.Parse(r[2], inv), double.Parse(r[3], inv), () => SolomonReader.Read(f)));
            }
            break;
        case "x":
            foreach (var r in Csv("cvrp/bks_x.csv"))
            {
                var f = Path.Combine(bench, "cvrp", "X", r[0] + ".vrp");
                var n = int.Parse(r[1], inv);
                list.Add(new Instance(r[0], n < 200 ? "X 100–199" : "X 200–300", n, int.Parse(r[4], inv), double.Parse(r[3], inv), () => VrplibReader.Read(f)));
            }
            break;
        default: throw new ArgumentException("--set must be solomon, homberger or x");
    }
    return list;
}

static string FindShared()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GreenFreight.slnx"))) dir = dir.Parent;
    return dir is null ? "../shared" : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
}

record Instance(string Name, string Class, int Customers, int BksVehicles, double Bks, Func<ProblemData> Load);

sealed class Row
{
    public string Instance { get; set; } = "";
    public string Class { get; set; } = "";
    public int BksVehicles { get; set; }
    public double Bks { get; set; }
    public int OursVehicles { get; set; }
    public double OursDistance { get; set; }
    public bool OursFeasible { get; set; }
    public double OursTtb { get; set; }
    public int OrVehicles { get; set; }
    public double OrDistance { get; set; }
    public bool OrFeasible { get; set; }
    public double OrTtb { get; set; }
    public double OtherCpu { get; set; }
    public double OursGap => OursDistance > 0 ? 100 * (OursDistance - Bks) / Bks : double.NaN;
    public double OrGap => OrDistance > 0 ? 100 * (OrDistance - Bks) / Bks : double.NaN;

    public string Markdown()
    {
        var inv = CultureInfo.InvariantCulture;
        string F(double x, string f) => x > 0 ? x.ToString(f, inv) : "–";
        string G(double g) { if (double.IsNaN(g)) return "–"; var m = Math.Round(g, 2) + 0.0; if (m == 0) m = 0; return (m >= 0 ? "+" : "") + m.ToString("F2", inv) + " %"; }
        return $"| {Instance} | {Class} | {BksVehicles} | {Bks.ToString("F2", inv)} | {(OursVehicles > 0 ? OursVehicles + (OursFeasible ? "" : " ✗") : "–")} | {F(OursDistance, "F2")} | {G(OursGap)} | {F(OursTtb, "F1")} | {(OrVehicles > 0 ? OrVehicles + (OrFeasible ? "" : " ✗") : "–")} | {F(OrDistance, "F2")} | {G(OrGap)} | {F(OrTtb, "F1")} | {OtherCpu.ToString("P0", inv)} |";
    }
}

/// <summary>CPU used by this process and by the rest of the machine (from /proc/stat) over a stretch of wall time.</summary>
sealed class Cpu
{
    long _busy0; TimeSpan _own0; Stopwatch _sw = new();
    public static Cpu Start() { var c = new Cpu { _busy0 = Busy(), _own0 = Process.GetCurrentProcess().TotalProcessorTime }; c._sw.Start(); return c; }
    /// <summary>(this process, the rest of the machine) as a share of one core.</summary>
    public (double Own, double Other) Stop()
    {
        var wall = _sw.Elapsed.TotalSeconds;
        var busy = (Busy() - _busy0) / 100.0; // USER_HZ
        var own = (Process.GetCurrentProcess().TotalProcessorTime - _own0).TotalSeconds;
        return wall <= 0 ? (0, 0) : (own / wall, Math.Max(busy - own, 0) / wall);
    }
    static long Busy()
    {
        if (!File.Exists("/proc/stat")) return 0;
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long s = 0;
        for (var i = 1; i < Math.Min(f.Length, 9); i++) if (i != 4 && i != 5) s += long.Parse(f[i], CultureInfo.InvariantCulture);
        return s;
    }
}
