using System.Globalization;
using System.Text.Json;
using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Io;

/// <summary>
/// The GreenFreight JSON problem format (documented in docs/planner.md). Times are minutes from midnight (numbers or
/// "HH:MM"), distances km, durations minutes. Matrices are given ("distances"/"durations", N×N over depots, clients,
/// chargers in that order) or built from lon/lat with haversine × roadFactor at speedKmh. Errors name the field at fault.
/// </summary>
public static class JsonProblemReader
{
    public static ProblemData Read(string path) => Parse(File.ReadAllText(path));

    public static ProblemData Parse(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }); }
        catch (JsonException ex) { throw new FormatException("not valid JSON: " + ex.Message); }
        using var document = doc;
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the problem must be a JSON object");
        var depots = new List<Depot>();
        foreach (var (d, i) in Array(root, "depots", required: true).Select((e, i) => (e, i)))
            depots.Add(new Depot { Id = Str(d, "id", $"depots[{i}]") ?? $"D{i}", X = Num(d, "lon", $"depots[{i}]"), Y = Num(d, "lat", $"depots[{i}]"),
                OpenTime = Time(d, "open", $"depots[{i}]") ?? 0, CloseTime = Time(d, "close", $"depots[{i}]") ?? double.PositiveInfinity });
        var depotIndex = depots.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var clients = new List<Client>();
        foreach (var (c, i) in Array(root, "clients", required: true).Select((e, i) => (e, i)))
        {
            var f = $"clients[{i}]";
            var tws = new List<TimeWindow>();
            if (c.TryGetProperty("timeWindows", out var tw))
            {
                if (tw.ValueKind != JsonValueKind.Array) throw new FormatException($"{f}.timeWindows must be an array of [from, to]");
                var k = 0;
                foreach (var w in tw.EnumerateArray())
                {
                    if (w.ValueKind != JsonValueKind.Array || w.GetArrayLength() != 2) throw new FormatException($"{f}.timeWindows[{k}] must be [from, to]");
                    tws.Add(new TimeWindow(TimeValue(w[0], $"{f}.timeWindows[{k}][0]"), TimeValue(w[1], $"{f}.timeWindows[{k}][1]")));
                    k++;
                }
            }
            clients.Add(new Client
            {
                Id = Str(c, "id", f) ?? throw new FormatException($"{f}.id is required"),
                X = Num(c, "lon", f), Y = Num(c, "lat", f),
                Weight = Opt(c, "weight", f) ?? 0, Volume = Opt(c, "volume", f) ?? 0, ServiceTime = Opt(c, "serviceMinutes", f) ?? 0,
                TimeWindows = tws, RequiredFeatures = Strings(c, "requiredFeatures", f),
                Required = !c.TryGetProperty("required", out var rq) || rq.ValueKind != JsonValueKind.False,
                Prize = Opt(c, "prize", f) ?? 0, Zone = Str(c, "zone", f),
            });
        }
        var types = new List<VehicleType>();
        foreach (var (v, i) in Array(root, "vehicleTypes", required: true).Select((e, i) => (e, i)))
        {
            var f = $"vehicleTypes[{i}]";
            int Depot(string name)
            {
                var id = Str(v, name, f);
                if (id is null) return 0;
                return depotIndex.TryGetValue(id, out var k) ? k : throw new FormatException($"{f}.{name}: unknown depot '{id}'");
            }
            var energy = EnergyType.Diesel;
            if (Str(v, "energy", f) is { } es && !Enum.TryParse(es, true, out energy)) throw new FormatException($"{f}.energy: one of {string.Join(", ", Enum.GetNames<EnergyType>())}");
            types.Add(new VehicleType
            {
                Id = Str(v, "id", f) ?? $"T{i}", Count = (int)(Opt(v, "count", f) ?? 1),
                WeightCapacity = Opt(v, "weightCapacity", f) ?? double.PositiveInfinity, VolumeCapacity = Opt(v, "volumeCapacity", f) ?? double.PositiveInfinity,
                FixedCost = Opt(v, "fixedCost", f) ?? 0, CostPerDistance = Opt(v, "costPerKm", f) ?? 1, CostPerDuration = (Opt(v, "costPerHour", f) ?? 0) / 60,
                Energy = energy, Range = Opt(v, "rangeKm", f) ?? double.PositiveInfinity, BatteryKwh = Opt(v, "batteryKwh", f) ?? 0,
                InitialCharge = Opt(v, "initialCharge", f) ?? 1, MaxDuration = Opt(v, "maxDurationMinutes", f) ?? double.PositiveInfinity,
                ShiftStart = Time(v, "shiftStart", f) ?? 0, ShiftEnd = Time(v, "shiftEnd", f) ?? double.PositiveInfinity,
                StartDepot = Depot("startDepot"), EndDepot = v.TryGetProperty("endDepot", out _) ? Depot("endDepot") : Depot("startDepot"),
                MaxTrips = (int)(Opt(v, "maxTrips", f) ?? 1), ReloadTime = Opt(v, "reloadMinutes", f) ?? 0,
                Features = Strings(v, "features", f), VehicleClass = Str(v, "vehicleClass", f),
                MaxDrivingTime = Opt(v, "maxDrivingMinutes", f) ?? double.PositiveInfinity,
                BreakAfterDriving = Opt(v, "breakAfterDrivingMinutes", f) ?? double.PositiveInfinity, BreakDuration = Opt(v, "breakMinutes", f) ?? 0,
            });
        }
        var chargers = new List<Charger>();
        foreach (var (h, i) in Array(root, "chargers", required: false).Select((e, i) => (e, i)))
            chargers.Add(new Charger { Id = Str(h, "id", $"chargers[{i}]") ?? $"H{i}", X = Num(h, "lon", $"chargers[{i}]"), Y = Num(h, "lat", $"chargers[{i}]"), PowerKw = Opt(h, "powerKw", $"chargers[{i}]") ?? 60 });
        var rules = new List<AccessRule>();
        foreach (var (a, i) in Array(root, "accessRules", required: false).Select((e, i) => (e, i)))
        {
            var f = $"accessRules[{i}]";
            var ws = new List<TimeWindow>();
            if (a.TryGetProperty("windows", out var w))
                foreach (var x in w.EnumerateArray()) ws.Add(new TimeWindow(TimeValue(x[0], f + ".windows"), TimeValue(x[1], f + ".windows")));
            rules.Add(new AccessRule { VehicleClass = Str(a, "vehicleClass", f) ?? throw new FormatException($"{f}.vehicleClass is required"),
                Zone = Str(a, "zone", f) ?? throw new FormatException($"{f}.zone is required"), Windows = ws });
        }
        var slots = new List<TravelSlot>();
        foreach (var (s, i) in Array(root, "travelTimeFactors", required: false).Select((e, i) => (e, i)))
            slots.Add(new TravelSlot(Time(s, "from", $"travelTimeFactors[{i}]") ?? 0, Time(s, "to", $"travelTimeFactors[{i}]") ?? 0, Num(s, "factor", $"travelTimeFactors[{i}]")));
        var n = depots.Count + clients.Count + chargers.Count;
        double[] dist, dur;
        if (root.TryGetProperty("distances", out var dm)) dist = Matrix(dm, n, "distances");
        else
        {
            var lon = depots.Select(d => d.X).Concat(clients.Select(c => c.X)).Concat(chargers.Select(c => c.X)).ToArray();
            var lat = depots.Select(d => d.Y).Concat(clients.Select(c => c.Y)).Concat(chargers.Select(c => c.Y)).ToArray();
            dist = Matrices.Haversine(lon, lat, Opt(root, "roadFactor", "") ?? 1.3);
        }
        dur = root.TryGetProperty("durations", out var tm) ? Matrix(tm, n, "durations") : Matrices.DurationsFromDistances(dist, Opt(root, "speedKmh", "") ?? 30);
        var objective = Str(root, "objective", "") switch
        {
            null or "cost" => Objective.Cost,
            "hierarchical" => Objective.Hierarchical,
            var o => throw new FormatException($"objective: 'cost' or 'hierarchical', not '{o}'"),
        };
        try
        {
            return new ProblemData(depots, clients, types, dist, dur, chargers, rules, slots, objective, Str(root, "name", "") ?? "", 60);
        }
        catch (ArgumentException ex) { throw new FormatException(ex.Message); }
    }

    static IEnumerable<JsonElement> Array(JsonElement e, string name, bool required)
    {
        if (!e.TryGetProperty(name, out var a)) return required ? throw new FormatException($"{name} is required") : [];
        if (a.ValueKind != JsonValueKind.Array) throw new FormatException($"{name} must be an array");
        return a.EnumerateArray().ToList();
    }

    static string? Str(JsonElement e, string name, string at) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Number ? v.GetRawText()
        : throw new FormatException($"{Field(at, name)} must be a string");

    static double? Opt(JsonElement e, string name, string at)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number) throw new FormatException($"{Field(at, name)} must be a number");
        return v.GetDouble();
    }

    static double Num(JsonElement e, string name, string at) => Opt(e, name, at) ?? throw new FormatException($"{Field(at, name)} is required");

    static double? Time(JsonElement e, string name, string at) => e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? TimeValue(v, Field(at, name)) : null;

    static double TimeValue(JsonElement v, string at)
    {
        if (v.ValueKind == JsonValueKind.Number) return v.GetDouble();
        if (v.ValueKind == JsonValueKind.String && TimeSpan.TryParseExact(v.GetString(), ["h\\:mm", "hh\\:mm"], CultureInfo.InvariantCulture, out var ts)) return ts.TotalMinutes;
        if (v.ValueKind == JsonValueKind.String && v.GetString() == "24:00") return 1440;
        throw new FormatException($"{at} must be minutes or \"HH:MM\"");
    }

    static IReadOnlyList<string> Strings(JsonElement e, string name, string at)
    {
        if (!e.TryGetProperty(name, out var v)) return [];
        if (v.ValueKind != JsonValueKind.Array) throw new FormatException($"{Field(at, name)} must be an array of strings");
        return v.EnumerateArray().Select(x => x.GetString() ?? "").ToList();
    }

    static double[] Matrix(JsonElement m, int n, string name)
    {
        if (m.ValueKind != JsonValueKind.Array || m.GetArrayLength() != n) throw new FormatException($"{name} must be {n} rows (depots, clients, chargers)");
        var r = new double[n * n];
        var i = 0;
        foreach (var row in m.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != n) throw new FormatException($"{name}[{i}] must have {n} numbers");
            var j = 0;
            foreach (var x in row.EnumerateArray()) r[i * n + j++] = x.ValueKind == JsonValueKind.Number ? x.GetDouble() : throw new FormatException($"{name}[{i}][{j}] must be a number");
            i++;
        }
        return r;
    }

    static string Field(string at, string name) => at.Length == 0 ? name : at + "." + name;
}
