using GreenFreight.Domain.Registry;

namespace GreenFreight.Domain.Access;

/// <summary>What the engine needs to know of a vehicle.</summary>
public readonly record struct VehicleFacts(VehicleClass Class, EnergyType Energy, int GrossWeightKg, EmissionStandard Emission,
    bool ColdChain = false, bool Emergency = false)
{
    public static VehicleFacts Of(Vehicle v, bool emergency = false) => new(v.Class, v.Energy, v.GrossWeightKg, v.Emission, v.ColdChain, emergency);
}

/// <summary>
/// A pass's grant for the engine: the zone (0 = every zone), the days (<see cref="DateOnly.DayNumber"/>, inclusive)
/// and one daily window. A pass with several periods gives several grants. <see cref="Tag"/> comes back in the decision.
/// </summary>
public readonly record struct PassGrant(int ZoneId, int FromDay, int ToDay, TimeWindow Window, int Tag);

public enum AccessReason : byte
{
    /// <summary>The point is in no zone.</summary>
    NoZone,
    /// <summary>In a zone, but no rule forbids this vehicle now.</summary>
    NoRestriction,
    /// <summary>In a zone, and an allowing rule (an exception) lets this vehicle in now.</summary>
    AllowedByRule,
    /// <summary>A rule forbids this vehicle in the zone now.</summary>
    Forbidden,
    /// <summary>Forbidden, but the vehicle's valid pass covers the zone and the time.</summary>
    ExemptPass,
    /// <summary>Forbidden, but emergency vehicles are exempt.</summary>
    ExemptEmergency,
}

/// <summary>The engine's answer. Indexes refer to <see cref="AccessEngine.Zones"/> and <see cref="AccessEngine.Rules"/> (-1: none).</summary>
public readonly record struct AccessDecision(bool Allowed, AccessReason Reason, int Zone, int Rule, TimeWindow Window, int PassTag)
{
    public static readonly AccessDecision Outside = new(true, AccessReason.NoZone, -1, -1, default, -1);
}

/// <summary>China local time of an instant: day number, weekday (Monday = 0) and minute of the day.</summary>
public readonly record struct LocalTime(int DayNumber, int Weekday, int Minute)
{
    const long DayMs = 86_400_000, OffsetMs = 8 * 3_600_000;
    const int UnixEpochDayNumber = 719_162;

    public static LocalTime FromUnixMs(long unixMs)
    {
        var local = unixMs + OffsetMs;
        var day = local >= 0 ? local / DayMs : (local - DayMs + 1) / DayMs;
        var minute = (int)((local - day * DayMs) / 60_000);
        var weekday = (int)(((day + 3) % 7 + 7) % 7);
        return new LocalTime((int)day + UnixEpochDayNumber, weekday, minute);
    }

    public static LocalTime Of(DateOnly date, int minute) => new(date.DayNumber, ((int)date.DayOfWeek + 6) % 7, minute);

    public static LocalTime Of(DateTimeOffset t) => FromUnixMs(t.ToUnixTimeMilliseconds());

    public DateOnly Date => DateOnly.FromDayNumber(DayNumber);
}

/// <summary>A zone as the engine holds it.</summary>
public sealed record EngineZone(int Id, string Name, AccessZoneKind Kind, int? SpeedLimitKmh, bool IsDemo,
    double MinX, double MinY, double MaxX, double MaxY);

/// <summary>A rule as the engine holds it.</summary>
public sealed record EngineRule(int Id, string Name, RuleEffect Effect, int? PolicyId);

/// <summary>The forbidden minutes of one zone on one day for one vehicle (for the route planner).</summary>
public sealed record ZoneForbiddenTimes(int ZoneId, string Name, AccessZoneKind Kind, IReadOnlyList<TimeWindow> Forbidden)
{
    public int ForbiddenMinutes => Forbidden.Sum(w => w.Minutes);
}

/// <summary>
/// The access check engine: zones and rules compiled once into coordinate arrays, a uniform grid over the zones'
/// bounding boxes, and rule tables per zone. A check allocates nothing: grid cell → bounding box → point-in-polygon
/// (even-odd over the rings) or distance to an expressway's centre line → the zone's rules in force that match the
/// vehicle and cover the local time. Immutable and thread-safe; build a new one when the rules change.
/// </summary>
public sealed class AccessEngine
{
    sealed class Shape
    {
        public required double[] Xs, Ys;     // polygon: all rings, each closed; line: vertices (metres, local projection)
        public required int[] RingStarts;    // polygon rings' first vertex index; last entry = total count
        public bool IsLine;
        public double OriginX, OriginY, Kx, Ky, HalfWidth2;
    }

    sealed class Rule
    {
        public required EngineRule Info;
        public int ClassMask;
        public EnergyMatch Energy;
        public int Over = int.MinValue, UpTo = int.MaxValue;
        public int MinEmission = -1, BelowEmission = int.MaxValue;
        public WeekDays Days;
        public required TimeWindow[] Windows;
        public bool ExemptPass, ExemptEmergency;
        public int FromDay, ToDay;
    }

    readonly EngineZone[] _zones;
    readonly Shape[] _shapes;
    readonly int[][] _zoneRules;
    readonly Rule[] _rules;
    readonly EngineRule[] _ruleInfo;
    readonly bool _coldChainAsNev;
    // Grid: cells of _cellW × _cellH degrees over [_gx0, _gx1) × [_gy0, _gy1); CSR lists of zone indexes per cell.
    readonly double _gx0, _gy0, _cellW, _cellH;
    readonly int _nx, _ny;
    readonly int[] _cellStart, _cellZones;

    public IReadOnlyList<EngineZone> Zones => _zones;
    public IReadOnlyList<EngineRule> Rules => _ruleInfo;
    public bool ColdChainAsNewEnergy => _coldChainAsNev;

    public static readonly AccessEngine Empty = new([], [], true);

    /// <summary>Compiles zones and rules. Zones are ordered restricted → limited → expressway, so the strictest decides first.</summary>
    public AccessEngine(IEnumerable<AccessZone> zones, IEnumerable<AccessRule> rules, bool coldChainAsNewEnergy)
    {
        _coldChainAsNev = coldChainAsNewEnergy;
        var zoneList = zones.Where(z => z.Area is not null || z.Line is not null && z.WidthMetres > 0).OrderBy(z => z.Kind).ThenBy(z => z.Id).ToList();
        _zones = new EngineZone[zoneList.Count];
        _shapes = new Shape[zoneList.Count];
        for (var i = 0; i < zoneList.Count; i++)
        {
            var z = zoneList[i];
            (_shapes[i], var box) = Compile(z);
            _zones[i] = new EngineZone(z.Id, z.Name, z.Kind, z.SpeedLimitKmh, z.IsDemo, box.MinX, box.MinY, box.MaxX, box.MaxY);
        }

        var ruleList = rules.OrderBy(r => r.Id).ToList();
        _rules = ruleList.Select(CompileRule).ToArray();
        _ruleInfo = _rules.Select(r => r.Info).ToArray();
        _zoneRules = new int[_zones.Length][];
        for (var i = 0; i < _zones.Length; i++)
        {
            var zi = _zones[i];
            var flag = AccessZone.Flag(zi.Kind);
            _zoneRules[i] = Enumerable.Range(0, ruleList.Count)
                .Where(r => ruleList[r].ZoneId is { } id ? id == zi.Id : (ruleList[r].ZoneKinds & flag) != 0)
                // Allowing exceptions first: the first matching rule that covers the time decides.
                .OrderBy(r => ruleList[r].Effect == RuleEffect.Allow ? 0 : 1).ThenBy(r => r).ToArray();
        }

        if (_zones.Length == 0)
        {
            _nx = _ny = 1; _cellW = _cellH = 1; _gx0 = _gy0 = 0;
            _cellStart = [0, 0];
            _cellZones = [];
            return;
        }
        _gx0 = _zones.Min(z => z.MinX);
        _gy0 = _zones.Min(z => z.MinY);
        var gx1 = _zones.Max(z => z.MaxX);
        var gy1 = _zones.Max(z => z.MaxY);
        // About 200 m cells, at most 256 × 256.
        _nx = Math.Clamp((int)Math.Ceiling((gx1 - _gx0) / 0.002), 1, 256);
        _ny = Math.Clamp((int)Math.Ceiling((gy1 - _gy0) / 0.002), 1, 256);
        _cellW = Math.Max((gx1 - _gx0) / _nx, 1e-9);
        _cellH = Math.Max((gy1 - _gy0) / _ny, 1e-9);
        var lists = new List<int>[_nx * _ny];
        for (var i = 0; i < _zones.Length; i++)
        {
            var z = _zones[i];
            int cx0 = CellX(z.MinX), cx1 = CellX(z.MaxX), cy0 = CellY(z.MinY), cy1 = CellY(z.MaxY);
            for (var cy = cy0; cy <= cy1; cy++)
                for (var cx = cx0; cx <= cx1; cx++)
                    (lists[cy * _nx + cx] ??= []).Add(i);
        }
        _cellStart = new int[lists.Length + 1];
        var items = new List<int>();
        for (var c = 0; c < lists.Length; c++)
        {
            _cellStart[c] = items.Count;
            if (lists[c] is { } l) items.AddRange(l);
        }
        _cellStart[lists.Length] = items.Count;
        _cellZones = items.ToArray();
    }

    int CellX(double x) => Math.Clamp((int)((x - _gx0) / _cellW), 0, _nx - 1);
    int CellY(double y) => Math.Clamp((int)((y - _gy0) / _cellH), 0, _ny - 1);

    static (Shape, (double MinX, double MinY, double MaxX, double MaxY)) Compile(AccessZone z)
    {
        if (z.Area is { } poly)
        {
            var rings = new[] { poly.ExteriorRing }.Concat(poly.InteriorRings).ToList();
            var xs = new List<double>();
            var ys = new List<double>();
            var starts = new List<int>();
            foreach (var r in rings)
            {
                starts.Add(xs.Count);
                foreach (var c in r.Coordinates) { xs.Add(c.X); ys.Add(c.Y); }
            }
            starts.Add(xs.Count);
            var env = poly.EnvelopeInternal;
            return (new Shape { Xs = xs.ToArray(), Ys = ys.ToArray(), RingStarts = starts.ToArray() }, (env.MinX, env.MinY, env.MaxX, env.MaxY));
        }
        var line = z.Line!;
        var e = line.EnvelopeInternal;
        var ox = e.Centre.X;
        var oy = e.Centre.Y;
        var ky = 111_320.0;
        var kx = 111_320.0 * Math.Cos(oy * Math.PI / 180);
        var half = z.WidthMetres!.Value / 2.0;
        var s = new Shape
        {
            Xs = line.Coordinates.Select(c => (c.X - ox) * kx).ToArray(),
            Ys = line.Coordinates.Select(c => (c.Y - oy) * ky).ToArray(),
            RingStarts = [0, line.NumPoints],
            IsLine = true, OriginX = ox, OriginY = oy, Kx = kx, Ky = ky, HalfWidth2 = half * half,
        };
        double dx = half / kx, dy = half / ky;
        return (s, (e.MinX - dx, e.MinY - dy, e.MaxX + dx, e.MaxY + dy));
    }

    static Rule CompileRule(AccessRule r)
    {
        var mask = 0;
        foreach (var c in r.ClassList()) mask |= 1 << (int)c;
        return new Rule
        {
            Info = new EngineRule(r.Id, r.Name, r.Effect, r.PolicyId),
            ClassMask = mask,
            Energy = r.Energy,
            Over = r.OverWeightKg ?? int.MinValue,
            UpTo = r.UpToWeightKg ?? int.MaxValue,
            MinEmission = r.MinEmission is { } min ? (int)min : -1,
            BelowEmission = r.BelowEmission is { } below ? (int)below : int.MaxValue,
            Days = r.Days,
            Windows = r.WindowList().ToArray(),
            ExemptPass = r.ExemptWithPass,
            ExemptEmergency = r.ExemptEmergency,
            FromDay = r.EffectiveFrom.DayNumber,
            ToDay = r.EffectiveTo?.DayNumber ?? int.MaxValue,
        };
    }

    // ------------------------------------------------------------------ geometry

    /// <summary>Whether the point lies in zone <paramref name="zone"/> (an index into <see cref="Zones"/>).</summary>
    public bool Contains(int zone, double lon, double lat)
    {
        var z = _zones[zone];
        if (lon < z.MinX || lon > z.MaxX || lat < z.MinY || lat > z.MaxY) return false;
        var s = _shapes[zone];
        return s.IsLine ? NearLine(s, lon, lat) : InPolygon(s, lon, lat);
    }

    static bool InPolygon(Shape s, double x, double y)
    {
        var inside = false;
        var xs = s.Xs;
        var ys = s.Ys;
        var starts = s.RingStarts;
        for (var r = 0; r < starts.Length - 1; r++)
        {
            int first = starts[r], end = starts[r + 1];
            for (int i = first, j = end - 1; i < end; j = i++)
            {
                double yi = ys[i], yj = ys[j];
                if (yi > y != yj > y && x < (xs[j] - xs[i]) * (y - yi) / (yj - yi) + xs[i]) inside = !inside;
            }
        }
        return inside;
    }

    static bool NearLine(Shape s, double lon, double lat)
    {
        var px = (lon - s.OriginX) * s.Kx;
        var py = (lat - s.OriginY) * s.Ky;
        var xs = s.Xs;
        var ys = s.Ys;
        for (var i = 0; i < xs.Length - 1; i++)
        {
            double ax = xs[i], ay = ys[i], bx = xs[i + 1] - ax, by = ys[i + 1] - ay;
            double qx = px - ax, qy = py - ay;
            var len2 = bx * bx + by * by;
            var t = len2 > 0 ? Math.Clamp((qx * bx + qy * by) / len2, 0, 1) : 0;
            double dx = qx - t * bx, dy = qy - t * by;
            if (dx * dx + dy * dy <= s.HalfWidth2) return true;
        }
        return false;
    }

    /// <summary>Writes the indexes of the zones containing the point into <paramref name="into"/>; returns how many (at most its length).</summary>
    public int ZonesAt(double lon, double lat, Span<int> into)
    {
        if (_zones.Length == 0 || lon < _gx0 || lat < _gy0) return 0;
        var cx = (int)((lon - _gx0) / _cellW);
        var cy = (int)((lat - _gy0) / _cellH);
        if (cx >= _nx || cy >= _ny) return 0;
        var cell = cy * _nx + cx;
        var n = 0;
        for (var k = _cellStart[cell]; k < _cellStart[cell + 1] && n < into.Length; k++)
        {
            var z = _cellZones[k];
            if (Contains(z, lon, lat)) into[n++] = z;
        }
        return n;
    }

    // ------------------------------------------------------------------ rules

    bool IsNewEnergy(in VehicleFacts v) => v.Energy.IsNewEnergy() || _coldChainAsNev && v.ColdChain;

    bool Matches(Rule r, in VehicleFacts v)
    {
        if (r.ClassMask != 0 && (r.ClassMask & (1 << (int)v.Class)) == 0) return false;
        if (r.Energy != EnergyMatch.Any && (r.Energy == EnergyMatch.NewEnergy) != IsNewEnergy(v)) return false;
        if (v.GrossWeightKg <= r.Over || v.GrossWeightKg > r.UpTo) return false;
        var combustion = v.Emission != EmissionStandard.NotApplicable;
        if (r.MinEmission >= 0 && combustion && (int)v.Emission < r.MinEmission) return false;
        if (r.BelowEmission != int.MaxValue && (!combustion || (int)v.Emission >= r.BelowEmission)) return false;
        return true;
    }

    static bool DayIn(WeekDays days, int weekday) => ((int)days & (1 << weekday)) != 0;

    /// <summary>The window of <paramref name="r"/> covering the time, if any (a window crossing midnight belongs to the day it starts).</summary>
    static bool Covers(Rule r, in LocalTime t, out TimeWindow window)
    {
        var prev = (t.Weekday + 6) % 7;
        foreach (var w in r.Windows)
        {
            bool hit;
            if (w.IsAllDay) hit = DayIn(r.Days, t.Weekday);
            else if (!w.CrossesMidnight) hit = DayIn(r.Days, t.Weekday) && t.Minute >= w.FromMinute && t.Minute < w.ToMinute;
            else hit = DayIn(r.Days, t.Weekday) && t.Minute >= w.FromMinute || DayIn(r.Days, prev) && t.Minute < w.ToMinute;
            if (hit) { window = w; return true; }
        }
        window = default;
        return false;
    }

    static bool PassCovers(in PassGrant g, int zoneId, in LocalTime t)
    {
        if (g.ZoneId != 0 && g.ZoneId != zoneId) return false;
        var w = g.Window;
        int from = g.FromDay, to = g.ToDay, day = t.DayNumber;
        var today = day >= from && day <= to;
        if (w.IsAllDay) return today;
        if (!w.CrossesMidnight) return today && t.Minute >= w.FromMinute && t.Minute < w.ToMinute;
        var yesterday = day - 1 >= from && day - 1 <= to;
        return today && t.Minute >= w.FromMinute || yesterday && t.Minute < w.ToMinute;
    }

    /// <summary>The decision for a vehicle known to be in zone <paramref name="zone"/> at local time <paramref name="t"/>.</summary>
    public AccessDecision DecideIn(int zone, in VehicleFacts v, in LocalTime t, ReadOnlySpan<PassGrant> passes = default)
    {
        var forbid = -1;
        TimeWindow forbidWindow = default;
        foreach (var ri in _zoneRules[zone])
        {
            var r = _rules[ri];
            if (t.DayNumber < r.FromDay || t.DayNumber > r.ToDay || !Matches(r, v) || !Covers(r, t, out var w)) continue;
            if (r.Info.Effect == RuleEffect.Allow) return new AccessDecision(true, AccessReason.AllowedByRule, zone, ri, w, -1);
            forbid = ri;
            forbidWindow = w;
            break;   // allowing rules come first in the list: nothing after a forbidding one can allow
        }
        if (forbid < 0) return new AccessDecision(true, AccessReason.NoRestriction, zone, -1, default, -1);
        var rule = _rules[forbid];
        if (rule.ExemptEmergency && v.Emergency) return new AccessDecision(true, AccessReason.ExemptEmergency, zone, forbid, forbidWindow, -1);
        if (rule.ExemptPass)
        {
            var zoneId = _zones[zone].Id;
            foreach (ref readonly var g in passes)
                if (PassCovers(g, zoneId, t)) return new AccessDecision(true, AccessReason.ExemptPass, zone, forbid, forbidWindow, g.Tag);
        }
        return new AccessDecision(false, AccessReason.Forbidden, zone, forbid, forbidWindow, -1);
    }

    /// <summary>
    /// May the vehicle be at the point at the instant? The first zone (strictest kind first) that forbids decides; if
    /// none forbids, the answer names the first zone the point is in (or none). Allocates nothing.
    /// </summary>
    public AccessDecision Check(in VehicleFacts v, double lon, double lat, long unixMs, ReadOnlySpan<PassGrant> passes = default)
    {
        if (_zones.Length == 0 || lon < _gx0 || lat < _gy0) return AccessDecision.Outside;
        var cx = (int)((lon - _gx0) / _cellW);
        var cy = (int)((lat - _gy0) / _cellH);
        if (cx >= _nx || cy >= _ny) return AccessDecision.Outside;
        var cell = cy * _nx + cx;
        var t = LocalTime.FromUnixMs(unixMs);
        var result = AccessDecision.Outside;
        for (var k = _cellStart[cell]; k < _cellStart[cell + 1]; k++)
        {
            var z = _cellZones[k];
            if (!Contains(z, lon, lat)) continue;
            var d = DecideIn(z, v, t, passes);
            if (!d.Allowed) return d;
            if (result.Reason == AccessReason.NoZone || d.Reason > result.Reason) result = d;
        }
        return result;
    }

    public AccessDecision Check(in VehicleFacts v, double lon, double lat, DateTimeOffset at, ReadOnlySpan<PassGrant> passes = default) =>
        Check(v, lon, lat, at.ToUnixTimeMilliseconds(), passes);

    // ------------------------------------------------------------------ for planners, pages and the national checks

    /// <summary>Index of the zone with this id, or -1.</summary>
    public int IndexOf(int zoneId)
    {
        for (var i = 0; i < _zones.Length; i++) if (_zones[i].Id == zoneId) return i;
        return -1;
    }

    /// <summary>Minutes of the local day (0..1439) the vehicle is forbidden in the zone, as a 1,440-entry map.</summary>
    public void ForbiddenMinutes(int zone, in VehicleFacts v, DateOnly date, Span<bool> minutes, ReadOnlySpan<PassGrant> passes = default)
    {
        var t = LocalTime.Of(date, 0);
        for (var m = 0; m < 1440; m++)
            minutes[m] = !DecideIn(zone, v, t with { Minute = m }, passes).Allowed;
    }

    /// <summary>
    /// For the route planner: for a vehicle and a date, which zones forbid it at which times (windows in local time,
    /// minute precision; zones with no forbidden minute are left out). Passes given are taken into account.
    /// </summary>
    public IReadOnlyList<ZoneForbiddenTimes> ForbiddenWindows(in VehicleFacts v, DateOnly date, ReadOnlySpan<PassGrant> passes = default)
    {
        var list = new List<ZoneForbiddenTimes>();
        Span<bool> minutes = stackalloc bool[1440];
        for (var z = 0; z < _zones.Length; z++)
        {
            ForbiddenMinutes(z, v, date, minutes, passes);
            var windows = new List<TimeWindow>();
            var m = 0;
            while (m < 1440)
            {
                if (!minutes[m]) { m++; continue; }
                var start = m;
                while (m < 1440 && minutes[m]) m++;
                windows.Add(start == 0 && m == 1440 ? TimeWindow.AllDay : new TimeWindow(start, m % 1440));
            }
            if (windows.Count > 0) list.Add(new ZoneForbiddenTimes(_zones[z].Id, _zones[z].Name, _zones[z].Kind, windows));
        }
        return list;
    }

    /// <summary>
    /// A week-by-hour matrix of one zone for one vehicle: 7 × 24 cells (Monday first) of 0 = allowed the whole hour,
    /// 1 = forbidden part of the hour, 2 = forbidden the whole hour. The week is the one starting on <paramref name="monday"/>.
    /// </summary>
    public byte[] WeekMatrix(int zone, in VehicleFacts v, DateOnly monday)
    {
        var cells = new byte[7 * 24];
        Span<bool> minutes = stackalloc bool[1440];
        for (var d = 0; d < 7; d++)
        {
            ForbiddenMinutes(zone, v, monday.AddDays(d), minutes);
            for (var h = 0; h < 24; h++)
            {
                var n = 0;
                for (var m = h * 60; m < h * 60 + 60; m++) if (minutes[m]) n++;
                cells[d * 24 + h] = (byte)(n == 0 ? 0 : n == 60 ? 2 : 1);
            }
        }
        return cells;
    }

    /// <summary>
    /// Zones a straight trip from A to B would enter while forbidden for the vehicle at <paramref name="unixMs"/>
    /// (sampled every ~20 m). Returns zone indexes, strictest first, each once. Road-network routes can be checked the
    /// same way point by point.
    /// </summary>
    public IReadOnlyList<int> ForbiddenAlong(in VehicleFacts v, double lon1, double lat1, double lon2, double lat2, long unixMs, ReadOnlySpan<PassGrant> passes = default)
    {
        var kx = 111_320.0 * Math.Cos((lat1 + lat2) / 2 * Math.PI / 180);
        var metres = Math.Sqrt(Math.Pow((lon2 - lon1) * kx, 2) + Math.Pow((lat2 - lat1) * 111_320.0, 2));
        var steps = Math.Clamp((int)(metres / 20), 1, 20_000);
        var found = new List<int>();
        Span<int> here = stackalloc int[16];
        var t = LocalTime.FromUnixMs(unixMs);
        for (var i = 0; i <= steps; i++)
        {
            var f = (double)i / steps;
            var n = ZonesAt(lon1 + (lon2 - lon1) * f, lat1 + (lat2 - lat1) * f, here);
            for (var k = 0; k < n; k++)
                if (!found.Contains(here[k]) && !DecideIn(here[k], v, t, passes).Allowed) found.Add(here[k]);
        }
        found.Sort();
        return found;
    }
}
