using System.Globalization;
using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Io;

/// <summary>Reads Solomon / Gehring–Homberger VRPTW text files (whitespace-separated, CRLF or LF). Row 0 is the depot;
/// client ids are the customer numbers. Distances and travel times are unrounded Euclidean (hierarchical convention).</summary>
public static class SolomonReader
{
    public static ProblemData Read(string path) => Parse(File.ReadAllText(path), Path.GetFileNameWithoutExtension(path));

    public static ProblemData Parse(string text, string fallbackName = "")
    {
        var lines = text.Replace("\r", "").Split('\n');
        var name = fallbackName;
        int? fleet = null;
        double? capacity = null;
        var rows = new List<double[]>();
        var state = 0; // 0 header, 1 after VEHICLE, 2 after CUSTOMER
        for (var li = 0; li < lines.Length; li++)
        {
            var line = lines[li].Trim();
            if (line.Length == 0) continue;
            if (li == 0 || (state == 0 && string.IsNullOrEmpty(name))) { if (li == 0) { name = line; continue; } }
            if (line.StartsWith("VEHICLE", StringComparison.OrdinalIgnoreCase)) { state = 1; continue; }
            if (line.StartsWith("CUSTOMER", StringComparison.OrdinalIgnoreCase)) { state = 2; continue; }
            if (line.StartsWith("CUST", StringComparison.OrdinalIgnoreCase) || line.StartsWith("NUMBER", StringComparison.OrdinalIgnoreCase)) continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (state == 1)
            {
                if (parts.Length < 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var f) || !double.TryParse(parts[1], CultureInfo.InvariantCulture, out var q))
                    throw new FormatException($"line {li + 1}: expected 'NUMBER CAPACITY', got '{line}'");
                fleet = f; capacity = q; state = 3;
            }
            else if (state == 2)
            {
                if (parts.Length < 7) throw new FormatException($"line {li + 1}: expected 7 columns (CUST NO. X Y DEMAND READY DUE SERVICE), got {parts.Length}");
                var row = new double[7];
                for (var k = 0; k < 7; k++)
                    if (!double.TryParse(parts[k], NumberStyles.Float, CultureInfo.InvariantCulture, out row[k]))
                        throw new FormatException($"line {li + 1}: '{parts[k]}' is not a number");
                rows.Add(row);
            }
        }
        if (fleet is null || capacity is null) throw new FormatException("no VEHICLE section (NUMBER CAPACITY)");
        if (rows.Count < 2) throw new FormatException("the CUSTOMER table needs the depot and at least one customer");
        var d = rows[0];
        var depot = new Depot { Id = ((int)d[0]).ToString(CultureInfo.InvariantCulture), X = d[1], Y = d[2], OpenTime = d[4], CloseTime = d[5] };
        var clients = new List<Client>(rows.Count - 1);
        for (var i = 1; i < rows.Count; i++)
        {
            var r = rows[i];
            if (r[5] < r[4]) throw new FormatException($"customer {r[0]}: due date before ready time");
            clients.Add(new Client
            {
                Id = ((int)r[0]).ToString(CultureInfo.InvariantCulture), X = r[1], Y = r[2], Weight = r[3], ServiceTime = r[6],
                TimeWindows = [new TimeWindow(r[4], r[5])],
            });
        }
        var x = new double[rows.Count];
        var y = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++) { x[i] = rows[i][1]; y[i] = rows[i][2]; }
        var dist = Matrices.Euclidean(x, y);
        var vt = new VehicleType { Id = "vehicle", Count = fleet.Value, WeightCapacity = capacity.Value, CostPerDistance = 1 };
        return new ProblemData([depot], clients, [vt], dist, (double[])dist.Clone(), objective: Objective.Hierarchical, name: name, timeUnitsPerHour: 60);
    }
}
