namespace GreenFreight.Planning.Model;

/// <summary>
/// An immutable routing problem. Location indices: depots 0..D−1, clients D..D+C−1, chargers D+C..N−1 (N = matrix size).
/// Distances and durations are flat N×N matrices (row = from). Built in code by the platform, or by the readers in
/// <see cref="Io"/>. The constructor validates everything and throws <see cref="ArgumentException"/> naming the field at fault.
/// </summary>
public sealed class ProblemData
{
    public IReadOnlyList<Depot> Depots { get; }
    public IReadOnlyList<Client> Clients { get; }
    public IReadOnlyList<VehicleType> VehicleTypes { get; }
    public IReadOnlyList<Charger> Chargers { get; }
    public IReadOnlyList<AccessRule> AccessRules { get; }
    public IReadOnlyList<TravelSlot> TravelSlots { get; }
    public Objective Objective { get; }
    public string Name { get; }
    /// <summary>Time units per hour (60 when times are minutes): used for charge times from kW and kWh.</summary>
    public double TimeUnitsPerHour { get; }

    public int NumDepots { get; }
    public int NumClients { get; }
    public int NumChargers { get; }
    /// <summary>Matrix size N = depots + clients + chargers.</summary>
    public int Dim { get; }
    public int FirstClient => NumDepots;
    public int FirstCharger => NumDepots + NumClients;

    public readonly double[] Distance;
    public readonly double[] Duration;
    public readonly double[] X, Y;

    // Flat per-location data (index = location), for the search.
    public readonly double[] Weight, Volume, Service, TwEarly, TwLate, Prize;
    public readonly bool[] Required;
    /// <summary>Client's time windows per vehicle type (client windows ∩ access windows), [type][location].</summary>
    public readonly TimeWindow[][][] Windows;
    /// <summary>CanServe[type * Dim + location].</summary>
    public readonly bool[] CanServe;
    /// <summary>True when some vehicle type cannot serve some client (features, access rules).</summary>
    public bool HasRestrictions { get; }
    /// <summary>True when some feature can only be evaluated exactly (time-dependent travel, several time windows, access
    /// windows, breaks, driving time, EV range, reloads): the search then evaluates moves with the exact route evaluator.</summary>
    public bool NeedsExact { get; }
    public bool HasOptionalClients { get; }
    /// <summary>Distance matrix is symmetric (reversing a stretch does not change its length).</summary>
    public bool SymmetricDistance { get; }
    public int TotalVehicles { get; }

    /// <summary>Re-planning: stops fixed at the start of a vehicle type's route, in order (locations), or null.</summary>
    public readonly int[]?[] FixedStops;
    /// <summary>Re-planning: the vehicle type that served the location in the previous plan, or −1.</summary>
    public readonly int[] PreviousType;
    /// <summary>Cost of moving a client away from the vehicle of the previous plan.</summary>
    public double ReassignCost { get; }
    public bool HasPrevious { get; }

    public ProblemData(
        IReadOnlyList<Depot> depots,
        IReadOnlyList<Client> clients,
        IReadOnlyList<VehicleType> vehicleTypes,
        double[] distance,
        double[] duration,
        IReadOnlyList<Charger>? chargers = null,
        IReadOnlyList<AccessRule>? accessRules = null,
        IReadOnlyList<TravelSlot>? travelSlots = null,
        Objective objective = Objective.Cost,
        string name = "",
        double timeUnitsPerHour = 60,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? fixedStops = null,
        IReadOnlyDictionary<string, string>? previousVehicle = null,
        double reassignCost = 0)
    {
        Depots = depots; Clients = clients; VehicleTypes = vehicleTypes;
        Chargers = chargers ?? []; AccessRules = accessRules ?? []; TravelSlots = travelSlots ?? [];
        Objective = objective; Name = name; TimeUnitsPerHour = timeUnitsPerHour; ReassignCost = reassignCost;
        if (depots.Count == 0) throw new ArgumentException("at least one depot is needed", nameof(depots));
        if (vehicleTypes.Count == 0) throw new ArgumentException("at least one vehicle type is needed", nameof(vehicleTypes));
        NumDepots = depots.Count; NumClients = clients.Count; NumChargers = Chargers.Count;
        Dim = NumDepots + NumClients + NumChargers;
        if (distance.Length != Dim * Dim) throw new ArgumentException($"distance matrix must be {Dim}×{Dim}", nameof(distance));
        if (duration.Length != Dim * Dim) throw new ArgumentException($"duration matrix must be {Dim}×{Dim}", nameof(duration));
        for (var i = 0; i < distance.Length; i++)
        {
            if (!(distance[i] >= 0) || double.IsInfinity(distance[i])) throw new ArgumentException($"distance[{i / Dim},{i % Dim}] must be finite and ≥ 0", nameof(distance));
            if (!(duration[i] >= 0) || double.IsInfinity(duration[i])) throw new ArgumentException($"duration[{i / Dim},{i % Dim}] must be finite and ≥ 0", nameof(duration));
        }
        Distance = distance; Duration = duration;
        var symmetric = true;
        for (var i = 0; i < Dim && symmetric; i++)
            for (var j = i + 1; j < Dim; j++)
                if (distance[i * Dim + j] != distance[j * Dim + i]) { symmetric = false; break; }
        SymmetricDistance = symmetric;
        var n = Dim;
        X = new double[n]; Y = new double[n];
        Weight = new double[n]; Volume = new double[n]; Service = new double[n];
        TwEarly = new double[n]; TwLate = new double[n]; Prize = new double[n]; Required = new bool[n];
        PreviousType = new int[n];
        Array.Fill(PreviousType, -1);
        var needsExact = TravelSlots.Count > 0;
        for (var d = 0; d < NumDepots; d++)
        {
            var dep = depots[d];
            if (!(dep.CloseTime >= dep.OpenTime)) throw new ArgumentException($"depot {dep.Id}: close time before open time", $"depots[{d}].closeTime");
            X[d] = dep.X; Y[d] = dep.Y; TwEarly[d] = dep.OpenTime; TwLate[d] = dep.CloseTime;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < NumClients; c++)
        {
            var cl = clients[c];
            var loc = NumDepots + c;
            string f(string field) => $"clients[{c}].{field}";
            if (!ids.Add(cl.Id)) throw new ArgumentException($"client id '{cl.Id}' appears twice", f("id"));
            if (!(cl.Weight >= 0) || !(cl.Volume >= 0)) throw new ArgumentException($"client {cl.Id}: demand must be ≥ 0", f("weight"));
            if (!(cl.ServiceTime >= 0)) throw new ArgumentException($"client {cl.Id}: service time must be ≥ 0", f("serviceTime"));
            if (!(cl.Prize >= 0)) throw new ArgumentException($"client {cl.Id}: prize must be ≥ 0", f("prize"));
            for (var w = 0; w < cl.TimeWindows.Count; w++)
            {
                if (!(cl.TimeWindows[w].Late >= cl.TimeWindows[w].Early)) throw new ArgumentException($"client {cl.Id}: time window {w} ends before it starts", f($"timeWindows[{w}]"));
                if (w > 0 && cl.TimeWindows[w].Early <= cl.TimeWindows[w - 1].Late) throw new ArgumentException($"client {cl.Id}: time windows must be sorted and disjoint", f($"timeWindows[{w}]"));
            }
            X[loc] = cl.X; Y[loc] = cl.Y; Weight[loc] = cl.Weight; Volume[loc] = cl.Volume; Service[loc] = cl.ServiceTime;
            TwEarly[loc] = cl.TimeWindows.Count == 0 ? 0 : cl.TimeWindows[0].Early;
            TwLate[loc] = cl.TimeWindows.Count == 0 ? double.PositiveInfinity : cl.TimeWindows[^1].Late;
            if (cl.TimeWindows.Count > 1) needsExact = true;
            Prize[loc] = cl.Prize; Required[loc] = cl.Required;
            if (!cl.Required) HasOptionalClients = true;
        }
        for (var h = 0; h < NumChargers; h++)
        {
            var ch = Chargers[h];
            if (!(ch.PowerKw > 0)) throw new ArgumentException($"charger {ch.Id}: power must be > 0", $"chargers[{h}].powerKw");
            X[FirstCharger + h] = ch.X; Y[FirstCharger + h] = ch.Y;
        }
        for (var s = 0; s < TravelSlots.Count; s++)
        {
            var sl = TravelSlots[s];
            if (!(sl.End > sl.Start) || !(sl.Factor > 0)) throw new ArgumentException("travel slot must have End > Start and Factor > 0", $"travelSlots[{s}]");
            if (s > 0 && sl.Start < TravelSlots[s - 1].End) throw new ArgumentException("travel slots must be sorted and not overlap", $"travelSlots[{s}]");
        }

        var typeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < vehicleTypes.Count; t++)
        {
            var vt = vehicleTypes[t];
            string f(string field) => $"vehicleTypes[{t}].{field}";
            if (vt.Count < 0) throw new ArgumentException($"vehicle type {vt.Id}: count must be ≥ 0", f("count"));
            if (!(vt.WeightCapacity >= 0) || !(vt.VolumeCapacity >= 0)) throw new ArgumentException($"vehicle type {vt.Id}: capacity must be ≥ 0", f("weightCapacity"));
            if (vt.StartDepot < 0 || vt.StartDepot >= NumDepots) throw new ArgumentException($"vehicle type {vt.Id}: start depot {vt.StartDepot} does not exist", f("startDepot"));
            if (vt.EndDepot < 0 || vt.EndDepot >= NumDepots) throw new ArgumentException($"vehicle type {vt.Id}: end depot {vt.EndDepot} does not exist", f("endDepot"));
            if (!(vt.ShiftEnd >= vt.ShiftStart)) throw new ArgumentException($"vehicle type {vt.Id}: shift ends before it starts", f("shiftEnd"));
            if (vt.MaxTrips < 1) throw new ArgumentException($"vehicle type {vt.Id}: max trips must be ≥ 1", f("maxTrips"));
            if (!(vt.Range > 0)) throw new ArgumentException($"vehicle type {vt.Id}: range must be > 0", f("range"));
            if (!(vt.FixedCost >= 0) || !(vt.CostPerDistance >= 0) || !(vt.CostPerDuration >= 0)) throw new ArgumentException($"vehicle type {vt.Id}: costs must be ≥ 0", f("fixedCost"));
            if (!double.IsPositiveInfinity(vt.BreakAfterDriving) && !(vt.BreakAfterDriving > 0)) throw new ArgumentException($"vehicle type {vt.Id}: breakAfterDriving must be > 0", f("breakAfterDriving"));
            if (vt.MaxTrips > 1 || !double.IsPositiveInfinity(vt.Range) || !double.IsPositiveInfinity(vt.MaxDrivingTime) || !double.IsPositiveInfinity(vt.BreakAfterDriving))
                needsExact = true;
            TotalVehicles += vt.Count;
            if (!typeIndex.TryAdd(vt.VehicleId ?? vt.Id, t) && vt.VehicleId is not null) throw new ArgumentException($"vehicle {vt.VehicleId} appears twice", f("vehicleId"));
        }

        // Which type may serve which client, and with which windows.
        var nt = vehicleTypes.Count;
        CanServe = new bool[nt * n];
        Windows = new TimeWindow[nt][][];
        var baseWindows = new TimeWindow[n][];
        for (var c = 0; c < NumClients; c++)
            baseWindows[NumDepots + c] = clients[c].TimeWindows.Count == 0 ? [TimeWindow.Always] : [.. clients[c].TimeWindows];
        for (var t = 0; t < nt; t++)
        {
            var vt = vehicleTypes[t];
            var win = new TimeWindow[n][];
            for (var c = 0; c < NumClients; c++)
            {
                var loc = NumDepots + c;
                var cl = clients[c];
                var ok = true;
                foreach (var feat in cl.RequiredFeatures)
                    if (!vt.Features.Contains(feat)) { ok = false; break; }
                var w = baseWindows[loc];
                if (ok && cl.Zone is not null && vt.VehicleClass is not null)
                {
                    foreach (var rule in AccessRules)
                    {
                        if (rule.Zone != cl.Zone || rule.VehicleClass != vt.VehicleClass) continue;
                        w = Intersect(w, rule.Windows, cl.ServiceTime);
                        needsExact = true;
                    }
                    if (w.Length == 0) ok = false;
                }
                win[loc] = w;
                CanServe[t * n + loc] = ok;
                if (!ok) HasRestrictions = true;
            }
            Windows[t] = win;
        }
        for (var c = 0; c < NumClients; c++)
        {
            var any = false;
            for (var t = 0; t < nt; t++) any |= CanServe[t * n + NumDepots + c];
            if (!any && clients[c].Required) throw new ArgumentException($"client {clients[c].Id}: no vehicle type can serve it (features or access rules)", $"clients[{c}].requiredFeatures");
        }

        FixedStops = new int[]?[nt];
        if (fixedStops is not null || previousVehicle is not null)
        {
            var clientIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var c = 0; c < NumClients; c++) clientIndex[clients[c].Id] = NumDepots + c;
            if (fixedStops is not null)
            {
                var seen = new HashSet<int>();
                foreach (var (veh, stops) in fixedStops)
                {
                    if (!typeIndex.TryGetValue(veh, out var t)) throw new ArgumentException($"fixed stops for unknown vehicle {veh}", nameof(fixedStops));
                    if (vehicleTypes[t].Count != 1) throw new ArgumentException($"vehicle {veh} with fixed stops must be its own type with count 1", nameof(fixedStops));
                    var arr = new int[stops.Count];
                    for (var i = 0; i < stops.Count; i++)
                    {
                        if (!clientIndex.TryGetValue(stops[i], out arr[i])) throw new ArgumentException($"fixed stop {stops[i]} is not a client", nameof(fixedStops));
                        if (!seen.Add(arr[i])) throw new ArgumentException($"fixed stop {stops[i]} is fixed twice", nameof(fixedStops));
                        if (!CanServe[t * n + arr[i]]) throw new ArgumentException($"fixed stop {stops[i]} cannot be served by vehicle {veh}", nameof(fixedStops));
                    }
                    FixedStops[t] = arr;
                }
            }
            if (previousVehicle is not null)
            {
                foreach (var (cid, veh) in previousVehicle)
                {
                    if (!clientIndex.TryGetValue(cid, out var loc)) continue;
                    if (!typeIndex.TryGetValue(veh, out var t)) throw new ArgumentException($"previous vehicle {veh} of {cid} is unknown", nameof(previousVehicle));
                    PreviousType[loc] = t;
                    HasPrevious = true;
                }
            }
        }
        NeedsExact = needsExact;
    }

    static TimeWindow[] Intersect(TimeWindow[] a, IReadOnlyList<TimeWindow> access, double service)
    {
        var result = new List<TimeWindow>();
        foreach (var x in a)
            foreach (var w in access)
            {
                var e = Math.Max(x.Early, w.Early);
                var l = Math.Min(x.Late, w.Late - service);
                if (l >= e) result.Add(new TimeWindow(e, l));
            }
        result.Sort((p, q) => p.Early.CompareTo(q.Early));
        return [.. result];
    }

    public double Dist(int from, int to) => Distance[from * Dim + to];
    public double Dur(int from, int to) => Duration[from * Dim + to];
    public bool IsClient(int loc) => loc >= NumDepots && loc < FirstCharger;
    public Client ClientAt(int loc) => Clients[loc - NumDepots];

    /// <summary>Travel time leaving <paramref name="from"/> at time <paramref name="depart"/>: the free-flow duration stretched by
    /// the travel slots (integrated: each slot's factor applies to the part of the trip inside it).</summary>
    public double TravelTime(int from, int to, double depart)
    {
        var free = Duration[from * Dim + to];
        return TravelSlots.Count == 0 || free == 0 ? free : TimeDependent(free, depart);
    }

    double TimeDependent(double free, double depart)
    {
        var t = depart;
        var left = free; // free-flow time still to travel
        foreach (var s in TravelSlots)
        {
            if (s.End <= t) continue;
            if (s.Start > t)
            {
                var gap = s.Start - t; // factor 1 before the slot
                if (gap >= left) return t + left - depart;
                left -= gap; t = s.Start;
            }
            var inSlot = (s.End - t) / s.Factor;
            if (inSlot >= left) return t + left * s.Factor - depart;
            left -= inSlot; t = s.End;
        }
        return t + left - depart;
    }
}
