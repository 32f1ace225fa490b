using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Evaluation;

public enum VisitKind { Start, Client, Reload, Charge, End }

/// <summary>One line of a route's schedule.</summary>
public readonly record struct Visit(VisitKind Kind, int Location, double Arrival, double ServiceStart, double Departure,
    double LoadWeight, double RangeLeft, double BreakBefore);

/// <summary>What a route costs and where it breaks the rules. Violations are 0 on a feasible route.</summary>
public struct RouteStats
{
    public double Distance, Duration, DrivingTime, WaitTime, StartTime, EndTime;
    public double TimeWarp, ExcessDuration, ExcessDriving, ExcessWeight, ExcessVolume, RangeShortfall;
    public double Weight, Volume, Prize, ReassignCount;
    public int Trips, Charges, Breaks, Clients, NotServable;

    public readonly bool Feasible => TimeWarp <= 1e-9 && ExcessDuration <= 1e-9 && ExcessDriving <= 1e-9 && ExcessWeight <= 1e-9
        && ExcessVolume <= 1e-9 && RangeShortfall <= 1e-9 && NotServable == 0;
    /// <summary>All time-like violations (time warp, over max duration, over max driving).</summary>
    public readonly double TimeViolation => TimeWarp + ExcessDuration + ExcessDriving;
}

/// <summary>
/// The exact route evaluator: simulates a vehicle along its stops with every feature of the model — several time
/// windows per client (and access windows per vehicle class), time-dependent travel, breaks after continuous driving,
/// maximum driving time, reloads at the depot (multi-trip), EV range with charging detours. Used for final feasibility,
/// reporting, and for move evaluation when the problem needs it (<see cref="ProblemData.NeedsExact"/>).
/// Lateness is counted as time warp (service starts at the window's end and the excess is reported), as in the search.
/// Policies: the vehicle leaves as late as possible without becoming later anywhere; it reloads when the next stop would
/// not fit; it charges fully at the charger with the smallest detour when it could not otherwise reach a charger or its
/// end depot from the next stop; it breaks before a leg that would take continuous driving over the limit (waiting at
/// least the break duration counts as a break).
/// </summary>
public sealed class RouteEvaluator
{
    readonly ProblemData _p;
    readonly double[] _nearestCharger; // distance from a location to its nearest charger

    public RouteEvaluator(ProblemData p)
    {
        _p = p;
        _nearestCharger = new double[p.Dim];
        for (var i = 0; i < p.Dim; i++)
        {
            var best = double.PositiveInfinity;
            for (var h = 0; h < p.NumChargers; h++) best = Math.Min(best, p.Dist(i, p.FirstCharger + h));
            _nearestCharger[i] = best;
        }
    }

    public ProblemData Problem => _p;

    /// <summary>Evaluates the route of vehicle type <paramref name="type"/> visiting <paramref name="clients"/> (locations) in order.</summary>
    public RouteStats Evaluate(int type, ReadOnlySpan<int> clients, List<Visit>? schedule = null)
    {
        var p = _p;
        var vt = p.VehicleTypes[type];
        var st = new RouteStats { Clients = clients.Length, Trips = clients.Length > 0 ? 1 : 0 };
        var start = vt.StartDepot;
        var endDepot = vt.EndDepot;
        var early = Math.Max(vt.ShiftStart, p.TwEarly[start]);
        if (clients.Length == 0)
        {
            st.StartTime = st.EndTime = early;
            return st;
        }
        for (var i = 0; i < clients.Length; i++)
        {
            var c = clients[i];
            st.Weight += p.Weight[c]; st.Volume += p.Volume[c]; st.Prize += p.Prize[c];
            if (p.HasRestrictions && !p.CanServe[type * p.Dim + c]) st.NotServable++;
            if (p.HasPrevious && p.PreviousType[c] >= 0 && p.PreviousType[c] != type) st.ReassignCount++;
        }
        // Pass 1 from the earliest start; then delay the start by the waiting it can absorb without new lateness.
        var first = Simulate(type, clients, early, ref st, null, out var slack);
        if (slack > 1e-12 && first > 0)
        {
            var st2 = st;
            Simulate(type, clients, early + Math.Min(slack, first), ref st2, schedule, out _);
            if (st2.TimeViolation <= st.TimeViolation + 1e-9 && st2.Duration <= st.Duration + 1e-9) return st2;
            if (schedule is not null) { schedule.Clear(); Simulate(type, clients, early, ref st, schedule, out _); }
            return st;
        }
        if (schedule is not null) Simulate(type, clients, early, ref st, schedule, out _);
        return st;
    }

    /// <summary>Simulates from departure time <paramref name="depart"/>; returns the total waiting, and in
    /// <paramref name="slack"/> by how much the start could be delayed without any later service start becoming late.</summary>
    double Simulate(int type, ReadOnlySpan<int> clients, double depart, ref RouteStats st, List<Visit>? schedule, out double slack)
    {
        var p = _p;
        var vt = p.VehicleTypes[type];
        var windows = p.Windows[type];
        var depot = vt.StartDepot;
        var endDepot = vt.EndDepot;
        var capW = vt.WeightCapacity;
        var capV = vt.VolumeCapacity;
        var ev = !double.IsPositiveInfinity(vt.Range);
        var breaks = !double.IsPositiveInfinity(vt.BreakAfterDriving);
        st.Distance = 0; st.DrivingTime = 0; st.WaitTime = 0; st.TimeWarp = 0; st.ExcessWeight = 0; st.ExcessVolume = 0;
        st.RangeShortfall = 0; st.Trips = 1; st.Charges = 0; st.Breaks = 0; st.ExcessDriving = 0; st.ExcessDuration = 0;
        var t = depart;
        var soc = ev ? vt.Range * Math.Clamp(vt.InitialCharge, 0, 1) : double.PositiveInfinity;
        var drive = 0.0; // continuous driving since the last break
        var waitSoFar = 0.0;
        slack = double.PositiveInfinity;
        // Load of the current trip: sum of the demands until the next reload.
        double tripW = 0, tripV = 0;
        ComputeTrip(clients, 0, capW, capV, vt.MaxTrips > 1, out var tripEnd, out tripW, out tripV);
        st.ExcessWeight += Math.Max(tripW - capW, 0); st.ExcessVolume += Math.Max(tripV - capV, 0);
        schedule?.Add(new Visit(VisitKind.Start, depot, t, t, t, tripW, soc, 0));
        var loadOnBoard = tripW;
        var at = depot;
        for (var i = 0; i <= clients.Length; i++)
        {
            var last = i == clients.Length;
            var next = last ? endDepot : clients[i];
            var breakBefore = 0.0;
            if (!last && i == tripEnd)
            {
                // Reload at the start depot before this stop.
                Leg(ref st, ref t, ref soc, ref drive, ref breakBefore, at, depot, ev, breaks, vt, endDepot);
                var arr = t;
                if (t > p.TwLate[depot]) { st.TimeWarp += t - p.TwLate[depot]; t = p.TwLate[depot]; }
                t = Math.Max(t, p.TwEarly[depot]) + vt.ReloadTime;
                ComputeTrip(clients, i, capW, capV, st.Trips + 1 < vt.MaxTrips, out tripEnd, out tripW, out tripV);
                st.ExcessWeight += Math.Max(tripW - capW, 0); st.ExcessVolume += Math.Max(tripV - capV, 0);
                st.Trips++;
                loadOnBoard = tripW;
                schedule?.Add(new Visit(VisitKind.Reload, depot, arr, arr, t, loadOnBoard, soc, breakBefore));
                at = depot;
                breakBefore = 0;
            }
            Leg(ref st, ref t, ref soc, ref drive, ref breakBefore, at, next, ev, breaks, vt, endDepot, schedule);
            var arrival = t;
            if (last)
            {
                var late = Math.Min(p.TwLate[endDepot], vt.ShiftEnd);
                if (t > late) { st.TimeWarp += t - late; t = late; }
                slack = Math.Min(slack, waitSoFar + Math.Max(late - t, 0));
                schedule?.Add(new Visit(VisitKind.End, endDepot, arrival, t, t, 0, soc, breakBefore));
                break;
            }
            // Window: the first one not yet over, else time warp to the last one's end.
            var ws = windows[next];
            var serviceStart = t;
            var found = false;
            for (var w = 0; w < ws.Length; w++)
            {
                if (ws[w].Late >= t)
                {
                    serviceStart = Math.Max(t, ws[w].Early);
                    found = true;
                    slack = Math.Min(slack, waitSoFar + (serviceStart - t) + (ws[w].Late - serviceStart));
                    break;
                }
            }
            if (!found)
            {
                var late = ws.Length == 0 ? t : ws[^1].Late;
                st.TimeWarp += t - late;
                serviceStart = late;
                slack = 0;
            }
            var wait = serviceStart - t;
            if (wait > 0)
            {
                st.WaitTime += wait; waitSoFar += wait;
                if (breaks && wait >= vt.BreakDuration) drive = 0;
            }
            t = serviceStart + p.Service[next];
            loadOnBoard -= p.Weight[next];
            schedule?.Add(new Visit(VisitKind.Client, next, arrival, serviceStart, t, loadOnBoard, soc, breakBefore));
            at = next;
        }
        st.StartTime = depart;
        st.EndTime = t;
        st.Duration = t - depart;
        if (st.Duration > vt.MaxDuration) st.ExcessDuration = st.Duration - vt.MaxDuration;
        if (st.DrivingTime > vt.MaxDrivingTime) st.ExcessDriving = st.DrivingTime - vt.MaxDrivingTime;
        return waitSoFar;
    }

    /// <summary>The stops [from, end) of one trip: all of them without reloads, else until the next one would not fit.</summary>
    void ComputeTrip(ReadOnlySpan<int> clients, int from, double capW, double capV, bool reloads, out int end, out double w, out double v)
    {
        var weight = _p.Weight;
        var volume = _p.Volume;
        w = 0; v = 0;
        end = clients.Length;
        for (var i = from; i < clients.Length; i++)
        {
            var c = clients[i];
            if (reloads && i > from && (w + weight[c] > capW + 1e-9 || v + volume[c] > capV + 1e-9)) { end = i; return; }
            w += weight[c]; v += volume[c];
        }
    }

    /// <summary>Drives from <paramref name="from"/> to <paramref name="to"/>: a break first if due, a charging detour if needed.</summary>
    void Leg(ref RouteStats st, ref double t, ref double soc, ref double drive, ref double breakBefore, int from, int to,
        bool ev, bool breaks, VehicleType vt, int endDepot, List<Visit>? schedule = null)
    {
        var p = _p;
        if (from == to) return;
        var d = p.Dist(from, to);
        if (ev)
        {
            var reserve = to == endDepot ? 0 : Math.Min(_nearestCharger[to], p.Dist(to, endDepot));
            if (soc < d + reserve - 1e-9)
            {
                // Detour through the charger with the smallest extra distance that can be reached now.
                var best = -1;
                var bestExtra = double.PositiveInfinity;
                for (var h = 0; h < p.NumChargers; h++)
                {
                    var c = p.FirstCharger + h;
                    var dc = p.Dist(from, c);
                    if (dc > soc + 1e-9) continue;
                    var extra = dc + p.Dist(c, to) - d;
                    if (extra < bestExtra) { bestExtra = extra; best = c; }
                }
                if (best >= 0 && vt.BatteryKwh > 0)
                {
                    Drive(ref st, ref t, ref soc, ref drive, ref breakBefore, from, best, breaks, vt);
                    var arrival = t;
                    var kw = p.Chargers[best - p.FirstCharger].PowerKw;
                    var missing = vt.Range - soc;
                    var minutes = missing / vt.Range * vt.BatteryKwh / kw * p.TimeUnitsPerHour;
                    t += minutes;
                    soc = vt.Range;
                    if (breaks && minutes >= vt.BreakDuration) drive = 0;
                    st.Charges++;
                    schedule?.Add(new Visit(VisitKind.Charge, best, arrival, arrival, t, 0, soc, breakBefore));
                    breakBefore = 0;
                    from = best;
                }
            }
        }
        Drive(ref st, ref t, ref soc, ref drive, ref breakBefore, from, to, breaks, vt);
        if (ev && soc < 0) { st.RangeShortfall += -soc; soc = 0; }
    }

    void Drive(ref RouteStats st, ref double t, ref double soc, ref double drive, ref double breakBefore, int from, int to, bool breaks, VehicleType vt)
    {
        var p = _p;
        var d = p.Dist(from, to);
        if (breaks && drive > 0 && drive + p.TravelTime(from, to, t) > vt.BreakAfterDriving + 1e-9)
        {
            t += vt.BreakDuration;
            breakBefore += vt.BreakDuration;
            drive = 0;
            st.Breaks++;
        }
        var tt = p.TravelTime(from, to, t);
        t += tt;
        drive += tt;
        st.DrivingTime += tt;
        st.Distance += d;
        soc -= d;
    }
}
