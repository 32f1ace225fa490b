using System.Diagnostics;
using GreenFreight.Domain.Access;
using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Seed;
using NetTopologySuite.Geometries;

// Access check engine throughput on one thread: the Zibo 2023 template's rules over the three Linzi demo zones
// (and, second, over 200 generated zones), checking seeded random positions in and around the urban core at random
// times of a week for a mix of vehicles, some with a pass. Prints checks/s and bytes allocated per check.
//   dotnet run -c Release --project bench/GreenFreight.Access.Bench -- 5

double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
Console.WriteLine($"Access check benchmark: 1 thread, {seconds:F0} s per case, {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
                  (typeof(AccessEngine).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>().Any(a => a.IsJITOptimizerDisabled) ? "DEBUG build (numbers meaningless)" : "optimised build"));

var zones = AccessSeed.DemoZones();
for (var i = 0; i < zones.Count; i++) zones[i].Id = i + 1;
var rules = AccessSeed.Rules(1);
for (var i = 0; i < rules.Count; i++) rules[i].Id = i + 1;
Run("template: 3 demo zones, 9 rules", new AccessEngine(zones, rules, true), seconds);

// 200 zones: 20 × 10 grid of 8-vertex restricted/limited polygons over the district, same rules by kind.
var f = new GeometryFactory(new PrecisionModel(), 4326);
var many = new List<AccessZone>();
for (var gx = 0; gx < 20; gx++)
    for (var gy = 0; gy < 10; gy++)
    {
        double cx = 118.15 + gx * 0.016, cy = 36.70 + gy * 0.028, r = 0.006;
        var ring = Enumerable.Range(0, 9).Select(k => new Coordinate(cx + r * Math.Cos(k * Math.PI / 4), cy + r * 0.8 * Math.Sin(k * Math.PI / 4))).ToArray();
        ring[8] = ring[0];
        many.Add(new AccessZone { Id = 100 + many.Count, Name = $"Z{many.Count}", Kind = (gx + gy) % 2 == 0 ? AccessZoneKind.Restricted : AccessZoneKind.Limited, Area = f.CreatePolygon(ring) });
    }
Run("200 zones (8-vertex polygons), 9 rules", new AccessEngine(many, rules, true), seconds);

static void Run(string name, AccessEngine engine, double seconds)
{
    var rng = new Random(20261202);
    const int n = 1 << 16;
    var lon = new double[n];
    var lat = new double[n];
    var at = new long[n];
    var who = new int[n];
    var week = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
    for (var i = 0; i < n; i++)
    {
        lon[i] = 118.15 + rng.NextDouble() * 0.33;
        lat[i] = 36.70 + rng.NextDouble() * 0.30;
        if (i % 2 == 0) { lon[i] = 118.26 + rng.NextDouble() * 0.10; lat[i] = 36.78 + rng.NextDouble() * 0.09; }   // half in the urban core
        at[i] = week + (long)(rng.NextDouble() * 7 * 86_400_000);
        who[i] = rng.Next(AccessProfiles.Standard.Count);
    }
    var facts = AccessProfiles.Standard.Select(p => p.Facts).ToArray();
    var day = new DateOnly(2026, 11, 30).DayNumber;
    PassGrant[] pass = [new(0, day, day + 6, TimeWindow.Of(7, 0, 9, 0), 1)];

    long checks = 0, forbidden = 0;
    var sw = Stopwatch.StartNew();
    // Warm-up.
    for (var i = 0; i < 200_000; i++) engine.Check(facts[who[i & (n - 1)]], lon[i & (n - 1)], lat[i & (n - 1)], at[i & (n - 1)]);
    var before = GC.GetAllocatedBytesForCurrentThread();
    sw.Restart();
    while (sw.Elapsed.TotalSeconds < seconds)
    {
        for (var i = 0; i < n; i++)
        {
            var d = engine.Check(facts[who[i]], lon[i], lat[i], at[i], (i & 7) == 0 ? pass : default);
            if (!d.Allowed) forbidden++;
        }
        checks += n;
    }
    var elapsed = sw.Elapsed.TotalSeconds;
    var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
    Console.WriteLine($"{name,-42} {checks / elapsed,14:N0} checks/s   {(double)allocated / checks:F3} B/check   ({forbidden * 100.0 / checks:F1} % forbidden)");
}
