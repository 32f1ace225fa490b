using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GreenFreight.Jt808;
using GreenFreight.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace GreenFreight.Server.Tests.Tracking;

/// <summary>
/// An acknowledged position is never lost: the server runs as its own process, a terminal streams positions, the
/// server is killed with SIGKILL mid-stream, and every position it had acknowledged is in the database file.
/// </summary>
public sealed class KillTests(ITestOutputHelper output) : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("gf-kill-").FullName;

    static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    static string ServerDll()
    {
        var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(RepoPaths.Root, "src", "GreenFreight.Server", "bin", config, "net10.0", "GreenFreight.Server.dll");
        Assert.True(File.Exists(dll), $"build the server first: {dll}");
        return dll;
    }

    Process Start(string db, int jt808Port)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(ServerDll())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { ServerDll(), "--urls", $"http://127.0.0.1:{FreePort()}", "--Jt808:Port", jt808Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--ConnectionStrings:Main", $"Data Source={db}", "--Seed:AdminPassword", GreenFreightFactory.AdminPassword, "--Seed:DemoPassword", GreenFreightFactory.DemoPassword,
                     "--Logging:LogLevel:Default", "Warning",
                     // Small moves from the inbox into track_points, so the kill lands in the middle of some.
                     "--Tracking:Sqlite:MoveThresholdRows", "40", "--Tracking:Sqlite:MoveStepRows", "5", "--Tracking:Sqlite:MoveInterval", "00:00:00.2",
                     "--Tracking:Sqlite:DeleteStepRows", "15" })
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) Lines.Add(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) Lines.Add(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    readonly ConcurrentBag<string> Lines = [];

    [Fact]
    public async Task Kill_9_loses_no_acknowledged_position()
    {
        var db = Path.Combine(_dir, "gf.db");
        var port = FreePort();
        using var server = Start(db, port);
        var started = Stopwatch.StartNew();
        while (!Lines.Any(l => l.Contains("JT/T 808:")) && started.Elapsed < TimeSpan.FromSeconds(90) && !server.HasExited) await Task.Delay(200);
        Assert.True(Lines.Any(l => l.Contains("JT/T 808:")), "server did not start: " + string.Join("\n", Lines));

        string plate, phone;
        await using (var conn = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False"))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT Plate, TerminalPhone FROM vehicles WHERE TerminalPhone IS NOT NULL ORDER BY Id LIMIT 1";
            await using var r = await cmd.ExecuteReaderAsync();
            Assert.True(await r.ReadAsync());
            plate = r.GetString(0);
            phone = r.GetString(1);
        }

        await using var t = new TerminalClient(phone);
        await t.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await t.RegisterAndAuthenticateAsync(plate);

        // Stream positions without waiting for each ack; read acks as they come; kill the server after 300 acks.
        var start = DateTimeOffset.UtcNow.AddMinutes(-30).ToOffset(TimeSpan.FromHours(8));
        start = start.AddTicks(-(start.Ticks % TimeSpan.TicksPerSecond));
        var sentTimes = new ConcurrentDictionary<ushort, DateTimeOffset>();
        var acked = new ConcurrentBag<DateTimeOffset>();
        var killed = new TaskCompletionSource();
        var reader = Task.Run(async () =>
        {
            while (true)
            {
                (Jt808Header Header, byte[] Body)? reply;
                try { reply = await t.ReadAsync(TimeSpan.FromSeconds(30)); }
                catch (Exception e) when (e is IOException or OperationCanceledException or SocketException) { return; }
                if (reply is null) return;
                if (Jt808PlatformGeneralReply.TryDecode(reply.Value.Body, out var ack, out _) && ack.Result == Jt808PlatformResult.Success
                    && sentTimes.TryGetValue(ack.ReplySerial, out var time))
                    acked.Add(time);
                if (acked.Count >= 300 && !server.HasExited)
                {
                    server.Kill(entireProcessTree: true);   // SIGKILL: no shutdown, no flush
                    killed.TrySetResult();
                }
            }
        });
        try
        {
            for (var i = 0; i < 3000 && !killed.Task.IsCompleted; i++)
            {
                var time = start.AddSeconds(i);
                sentTimes[(ushort)(t.LastSerial + 1)] = time;
                await t.SendAsync(Jt808LocationReport.Create(time, 36.80 + 0.0001 * (i % 500), 118.30, 20));
                if (i % 50 == 49) await Task.Delay(5);
            }
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
        }
        await killed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await reader.WaitAsync(TimeSpan.FromSeconds(60));
        await server.WaitForExitAsync();
        output.WriteLine($"acknowledged before the kill: {acked.Count}");
        Assert.True(acked.Count >= 300);

        // Every acknowledged position is in the file, exactly once.
        var stored = await StoredTimesAsync(db, plate);
        foreach (var line in Lines.Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(20)) output.WriteLine("server: " + line);
        output.WriteLine($"stored: {stored.Count}, moved into track_points: {await ScalarAsync(db, "SELECT COUNT(*) FROM track_points")}, move in progress: {await ScalarAsync(db, "SELECT COUNT(*) FROM track_move")}");
        Assert.Equal(stored.Count, stored.Distinct().Count());
        var lost = acked.Where(a => !stored.Contains(a.ToUnixTimeMilliseconds())).ToList();
        Assert.Empty(lost);

        // A restart finishes whatever move the kill interrupted: the same positions, once each, all in track_points.
        using var again = Start(db, FreePort());
        started.Restart();
        while (started.Elapsed < TimeSpan.FromSeconds(90) && !again.HasExited
               && (await ScalarAsync(db, "SELECT COUNT(*) FROM track_inbox") > 0 || await ScalarAsync(db, "SELECT COUNT(*) FROM track_move") > 0))
            await Task.Delay(200);
        again.Kill(entireProcessTree: true);
        await again.WaitForExitAsync();
        Assert.Equal(0, await ScalarAsync(db, "SELECT COUNT(*) FROM track_inbox"));
        var after = await StoredTimesAsync(db, plate);
        Assert.Equal(stored.OrderBy(x => x), after.OrderBy(x => x));
        Assert.Equal(after.Count, await ScalarAsync(db, "SELECT COUNT(*) FROM track_points"));
    }

    static async Task<List<long>> StoredTimesAsync(string db, string plate)
    {
        var stored = new List<long>();
        await using var conn = new SqliteConnection($"Data Source={db};Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT p.TimeMs FROM ({GreenFreight.Server.Tracking.SqliteTrackInbox.AllPointsSql}) p JOIN vehicles v ON v.Id = p.VehicleId WHERE v.Plate = $plate";
        cmd.Parameters.AddWithValue("$plate", plate);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) stored.Add(r.GetInt64(0));
        return stored;
    }

    static async Task<long> ScalarAsync(string db, string sql)
    {
        await using var conn = new SqliteConnection($"Data Source={db};Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("GF_KEEP_TEST_DIR") is null) try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
