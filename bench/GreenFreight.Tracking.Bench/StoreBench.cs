using System.Diagnostics;
using GreenFreight.Cli;
using GreenFreight.Domain.Tracking;
using GreenFreight.Server.Tracking;
using Microsoft.Data.Sqlite;

/// <summary>
/// The SQLite position store alone, one thread, as the pipeline drives it: batches of positions from V vehicles in
/// time order, each appended (the acknowledgement waits for this) and followed by one step of moving the inbox into
/// track_points when due; at the end the inbox is drained. Prints rows/s and the time each batch held the writer.
///
///   dotnet bench/GreenFreight.Tracking.Bench/bin/Release/net10.0/GreenFreight.Tracking.Bench.dll --store 2000000 --vehicles 10000 --batch 1000
/// </summary>
static class StoreBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        long rows = Arg(args, "--store", 2_000_000);
        var vehicles = (int)Arg(args, "--vehicles", 10_000);
        var batch = (int)Arg(args, "--batch", 1_000);
        var dir = Directory.CreateTempSubdirectory("gf-store-bench-").FullName;
        var db = Path.Combine(dir, "gf.db");
        try
        {
            var code = await CliApp.RunAsync(["seed-fleet", "--vehicles", vehicles.ToString(), "--seed", "808",
                $"--ConnectionStrings:Main=Data Source={db}", "--Seed:AdminPassword=Admin#Bench2026", "--Seed:DemoPassword=Demo#Bench2026"], TextWriter.Null, Console.Error);
            if (code != 0) return code;
            SqliteConnection.ClearAllPools();
            int firstId;
            await using (var c = new SqliteConnection($"Data Source={db}"))
            {
                await c.OpenAsync();
                await using var cmd = c.CreateCommand();
                cmd.CommandText = "SELECT min(Id) FROM vehicles";
                firstId = Convert.ToInt32(await cmd.ExecuteScalarAsync());
            }
            Console.WriteLine($"SQLite store: {rows:N0} positions from {vehicles:N0} vehicles in batches of {batch:N0}, one thread");
            var store = new SqlitePositionStore($"Data Source={db}");
            var t0 = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
            var list = new List<TrackPoint>(batch);
            var holds = new List<double>();
            var total = Stopwatch.StartNew();
            long written = 0;
            var rng = new Random(808);
            while (written < rows)
            {
                list.Clear();
                for (var i = 0; i < batch && written + i < rows; i++)
                {
                    var n = written + i;
                    list.Add(new TrackPoint
                    {
                        VehicleId = firstId + (int)(n % vehicles), TimeMs = t0 + n / vehicles * 10_000, Latitude = 36.8 + rng.NextDouble() * 0.06,
                        Longitude = 118.28 + rng.NextDouble() * 0.08, SpeedKmh = 30, Direction = 90, Verdict = PositionVerdict.Valid,
                        Source = PositionSource.Jt808, ReceivedMs = t0,
                    });
                }
                var h = Stopwatch.GetTimestamp();
                await store.AppendAsync(list, CancellationToken.None);
                if (store.MaintenanceDue) await store.MaintainAsync(CancellationToken.None);
                holds.Add(Stopwatch.GetElapsedTime(h).TotalMilliseconds);
                written += list.Count;
            }
            var ingest = total.Elapsed;
            while (store.InboxRows > 0 || store.MaintenanceDue)
            {
                if (store.MaintenanceDue) await store.MaintainAsync(CancellationToken.None);
                else await Task.Delay(1);
            }
            // Force the last partial chunk through.
            var drained = total.Elapsed;
            await store.DisposeAsync();
            holds.Sort();
            double P(double q) => holds[Math.Min(holds.Count - 1, (int)(q * holds.Count))];
            Console.WriteLine($"appended and acknowledged: {rows / ingest.TotalSeconds:N0} rows/s ({ingest.TotalSeconds:F1} s); moved {store.MovedRows:N0} rows into track_points meanwhile");
            Console.WriteLine($"all in track_points after {drained.TotalSeconds:F1} s: {rows / drained.TotalSeconds:N0} rows/s overall");
            Console.WriteLine($"writer held per batch (append + move step): p50 {P(0.5):F2} ms, p99 {P(0.99):F2} ms, max {holds[^1]:F2} ms");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    static long Arg(string[] args, string name, long fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && long.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
