using System.Text.Json.Nodes;
using GreenFreight.Cli;
using GreenFreight.Server;
using GreenFreight.Server.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace GreenFreight.Cli.Tests;

/// <summary><c>seed-fleet</c> and <c>simulate</c> against a real server (Kestrel and the JT/T 808 gateway on free ports).</summary>
public sealed class SimulateTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "gf-cli-tests", Guid.NewGuid().ToString("N"));
    readonly string _file;
    readonly string _db;
    const string Admin = "--Seed:AdminPassword=Admin#Sim2026";

    public SimulateTests()
    {
        Directory.CreateDirectory(_dir);
        _file = Path.Combine(_dir, "gf.db");
        _db = $"--ConnectionStrings:Main=Data Source={_file}";
    }

    static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = await CliApp.RunAsync(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    async Task<long> ScalarAsync(string sql)
    {
        await using var conn = new SqliteConnection($"Data Source={_file};Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Rows as text (so a failing assertion shows them).</summary>
    async Task<List<string>> RowsAsync(string sql)
    {
        await using var c = new SqliteConnection($"Data Source={_file};Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await r.ReadAsync()) rows.Add(string.Join(", ", Enumerable.Range(0, r.FieldCount).Select(i => $"{r.GetName(i)}={r.GetValue(i)}")));
        return rows;
    }

    [Fact]
    public async Task Twenty_terminals_for_three_seconds_get_every_position_acknowledged_and_stored()
    {
        // 21 vehicles: the first 20 drive in the main run, the 21st in the short run after it. (Had the short run reused the
        // first terminal, whose simulated walk starts from the same seed each run, the vehicle would jump back to where it
        // started a few seconds earlier: correctly flagged as drift whenever the machine was slow enough to stretch the run.)
        var seed = await Run("seed-fleet", "--vehicles", "21", "--seed", "1", _db, "--Seed:DemoData=false", Admin);
        Assert.True(seed.Code == 0, seed.Err);
        Assert.Contains("21", seed.Out);
        Assert.Equal(21, await ScalarAsync("SELECT COUNT(*) FROM vehicles WHERE TerminalPhone IS NOT NULL AND IsDemo = 1"));

        await using var server = GreenFreightApp.Build(["--urls", "http://127.0.0.1:0", "--Jt808:Port=0", _db, "--Seed:DemoData=false", Admin,
            "--Logging:LogLevel:Default=Warning"]);
        await server.StartAsync();
        var gateway = await server.Services.GetRequiredService<Jt808Gateway>().BoundEndPoint;

        var run = await Run("simulate", "--terminals", "20", "--rate", "200", "--duration", "3", "--port", gateway.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--db", _file, "--malformed-percent", "5", "--batch-percent", "10", "--json");
        Assert.True(run.Code == 0, run.Err);
        var r = JsonNode.Parse(run.Out)!;
        Assert.Equal(20, (int)r["connected"]!);
        Assert.Equal(0, (int)r["refusals"]!);
        var sent = (long)r["positionsSent"]!;
        var malformed = (long)r["malformedSent"]!;
        Assert.InRange(sent, 450, 700);   // 200/s for 3 s
        Assert.True(malformed > 0, "some malformed frames were sent");
        Assert.Equal(sent, (long)r["positionsAcked"]!);
        Assert.Equal(0, (long)r["positionsLost"]!);
        Assert.Equal(0, (long)r["positionsNacked"]!);
        Assert.Equal(0, (long)r["reconnects"]!);
        Assert.True((double)r["ackLatencyMs"]!["p99"]! > 0);

        // The gateway rejected exactly the malformed frames, kept every connection, and stored every acknowledged position.
        var stats = server.Services.GetRequiredService<Jt808Stats>();
        Assert.Equal(malformed, stats.RejectedFrames);
        Assert.Equal(sent, stats.Positions);

        // A phone that is on no vehicle is refused; the registered one beside it goes on.
        var phones = Path.Combine(_dir, "phones.txt");
        await File.WriteAllLinesAsync(phones, ["# phone,plate", "017700000020,鲁C12345", "019999999999"]);
        var mixed = await Run("simulate", "--terminals", "2", "--rate", "20", "--duration", "1", "--port", gateway.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--phones-file", phones, "--json");
        Assert.True(mixed.Code == 0, mixed.Err);
        var m = JsonNode.Parse(mixed.Out)!;
        Assert.Equal(1, (int)m["connected"]!);
        Assert.Equal(1, (int)m["refusals"]!);
        Assert.Equal((long)m["positionsSent"]!, (long)m["positionsAcked"]!);
        var total = sent + (long)m["positionsAcked"]!;
        await server.StopAsync();
        Assert.Equal(total, await ScalarAsync($"SELECT COUNT(*) FROM ({GreenFreight.Server.Tracking.SqliteTrackInbox.AllPointsSql}) p JOIN vehicles v ON v.Id = p.VehicleId WHERE v.TerminalPhone LIKE '0177%' AND p.Source = 1"));
        var bad = await RowsAsync($"SELECT VehicleId, TimeMs, Latitude, Longitude, SpeedKmh, Verdict, ReceivedMs FROM ({GreenFreight.Server.Tracking.SqliteTrackInbox.AllPointsSql}) WHERE Verdict <> 0 OR Latitude NOT BETWEEN 36.78 AND 36.86 OR Longitude NOT BETWEEN 118.25 AND 118.38");
        Assert.True(bad.Count == 0, "positions stored as not valid or outside Linzi:\n" + string.Join("\n", bad));
    }

    [Theory]
    [InlineData("simulate", "--terminals", "5", "--duration", "3")]
    [InlineData("simulate", "--terminals", "0", "--rate", "10", "--duration", "3")]
    [InlineData("simulate", "--terminals", "5", "--rate", "10", "--duration", "3", "--frobnicate")]
    [InlineData("seed-fleet")]
    [InlineData("seed-fleet", "--vehicles", "0")]
    public async Task Bad_usage_exits_1_with_a_message(params string[] args)
    {
        var r = await Run(args);
        Assert.Equal(CliApp.Usage, r.Code);
        Assert.Contains("usage", r.Err);
    }

    [Fact]
    public async Task Simulate_refuses_to_run_more_terminals_than_registered_phones()
    {
        Assert.Equal(0, (await Run("seed-fleet", "--vehicles", "3", _db, "--Seed:DemoData=false", Admin)).Code);
        var r = await Run("simulate", "--terminals", "4", "--rate", "10", "--duration", "1", "--db", _file);
        Assert.Equal(CliApp.Usage, r.Code);
        Assert.Contains("seed-fleet --vehicles 1", r.Err);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
