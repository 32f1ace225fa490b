using System.Globalization;
using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Io;

/// <summary>
/// Reads VRPLIB / CVRPLIB instances (TSPLIB keywords; EUC_2D with nint arcs, or EXPLICIT FULL_MATRIX; optional
/// SERVICE_TIME_SECTION and TIME_WINDOW_SECTION). Client ids are "1".."n" (node id − 1), as in CVRPLIB .sol files.
/// The fleet is free (one vehicle per client available) and the objective is the total distance.
/// </summary>
public static class VrplibReader
{
    public static ProblemData Read(string path) => Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path));

    public static ProblemData Parse(string text, string fallbackName = "")
    {
        var lines = text.Replace("\r", "").Split('\n');
        var kv = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int n = -1;
        double[]? x = null, y = null, demand = null, service = null, early = null, late = null, explicitW = null;
        var depots = new List<int>();
        var section = "";
        var explicitCount = 0;
        for (var li = 0; li < lines.Length; li++)
        {
            var line = lines[li].Trim();
            if (line.Length == 0 || line == "EOF") continue;
            if (line.EndsWith("_SECTION", StringComparison.OrdinalIgnoreCase) || line.Contains("_SECTION", StringComparison.OrdinalIgnoreCase) && !line.Contains(':'))
            {
                section = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0].ToUpperInvariant();
                if (n < 0) throw new FormatException($"line {li + 1}: {section} before DIMENSION");
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon > 0 && char.IsLetter(line[0]))
            {
                kv[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                if (line[..colon].Trim().Equals("DIMENSION", StringComparison.OrdinalIgnoreCase))
                {
                    if (!int.TryParse(kv["DIMENSION"], CultureInfo.InvariantCulture, out n) || n < 2) throw new FormatException($"line {li + 1}: bad DIMENSION");
                    x = new double[n]; y = new double[n]; demand = new double[n]; service = new double[n];
                }
                section = "";
                continue;
            }
            var p = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            double Num(int k) => double.TryParse(p[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"line {li + 1}: '{p[k]}' is not a number");
            int Node(int k)
            {
                var id = (int)Num(k);
                if (id < 1 || id > n) throw new FormatException($"line {li + 1}: node {id} outside 1..{n}");
                return id - 1;
            }
            switch (section)
            {
                case "NODE_COORD_SECTION": { var i = Node(0); x![i] = Num(1); y![i] = Num(2); break; }
                case "DEMAND_SECTION": demand![Node(0)] = Num(1); break;
                case "SERVICE_TIME_SECTION": service![Node(0)] = Num(1); break;
                case "TIME_WINDOW_SECTION":
                    {
                        early ??= new double[n]; late ??= new double[n];
                        var i = Node(0); early[i] = Num(1); late[i] = Num(2); break;
                    }
                case "DEPOT_SECTION":
                    {
                        var id = (int)Num(0);
                        if (id == -1) { section = ""; break; }
                        depots.Add(Node(0));
                        break;
                    }
                case "EDGE_WEIGHT_SECTION":
                    explicitW ??= new double[n * n];
                    for (var k = 0; k < p.Length; k++)
                    {
                        if (explicitCount >= n * n) throw new FormatException($"line {li + 1}: too many edge weights");
                        explicitW[explicitCount++] = Num(k);
                    }
                    break;
                default: throw new FormatException($"line {li + 1}: unexpected '{line}'");
            }
        }
        if (n < 0) throw new FormatException("no DIMENSION");
        if (!kv.TryGetValue("CAPACITY", out var capText) || !double.TryParse(capText, CultureInfo.InvariantCulture, out var capacity))
            throw new FormatException("no CAPACITY");
        if (depots.Count == 0) depots.Add(0);
        if (depots.Count > 1) throw new FormatException("several depots are not supported in VRPLIB files (use the JSON format)");
        var depot = depots[0];
        var type = kv.TryGetValue("EDGE_WEIGHT_TYPE", out var et) ? et.ToUpperInvariant() : "EUC_2D";
        // Reorder: depot first, then the other nodes in file order.
        var order = new int[n];
        order[0] = depot;
        for (int i = 0, k = 1; i < n; i++) if (i != depot) order[k++] = i;
        var ox = new double[n]; var oy = new double[n];
        for (var i = 0; i < n; i++) { ox[i] = x![order[i]]; oy[i] = y![order[i]]; }
        double[] dist;
        if (type == "EUC_2D") dist = Matrices.EuclideanNint(ox, oy);
        else if (type == "EXPLICIT")
        {
            if (explicitW is null || explicitCount != n * n) throw new FormatException("EXPLICIT needs a FULL_MATRIX EDGE_WEIGHT_SECTION of n×n values");
            dist = new double[n * n];
            for (var i = 0; i < n; i++) for (var j = 0; j < n; j++) dist[i * n + j] = explicitW[order[i] * n + order[j]];
        }
        else throw new FormatException($"EDGE_WEIGHT_TYPE {type} is not supported (EUC_2D, EXPLICIT)");
        var dep = new Depot { Id = (depot + 1).ToString(CultureInfo.InvariantCulture), X = ox[0], Y = oy[0],
            OpenTime = early?[depot] ?? 0, CloseTime = late?[depot] ?? double.PositiveInfinity };
        var clients = new List<Client>(n - 1);
        for (var k = 1; k < n; k++)
        {
            var i = order[k];
            clients.Add(new Client
            {
                // CVRPLIB .sol numbering: node id − 1 (the depot is node 1).
                Id = i.ToString(CultureInfo.InvariantCulture), X = ox[k], Y = oy[k], Weight = demand![i], ServiceTime = service![i],
                TimeWindows = early is null ? [] : [new TimeWindow(early[i], late![i])],
            });
        }
        var fleet = n - 1;
        if (kv.TryGetValue("VEHICLES", out var vs) && int.TryParse(vs, CultureInfo.InvariantCulture, out var v)) fleet = v;
        var vt = new VehicleType { Id = "vehicle", Count = fleet, WeightCapacity = capacity, CostPerDistance = 1 };
        var name = kv.TryGetValue("NAME", out var nm) ? nm : fallbackName;
        return new ProblemData([dep], clients, [vt], dist, (double[])dist.Clone(), objective: Objective.Cost, name: name);
    }
}
