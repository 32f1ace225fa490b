using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using GreenFreight.Jt808;
using GreenFreight.Server.Tests.Api;
using GreenFreight.Server.Tests.Infrastructure;
using GreenFreight.Server.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace GreenFreight.Server.Tests.Tracking;

/// <summary>The JT/T 808 gateway end to end over a real socket, with the position read back through the API.</summary>
public sealed class GatewayTests(SqliteFactory factory) : ApiTestBase(factory), IClassFixture<SqliteFactory>
{
    async Task<(IPEndPoint Gateway, string Plate, string Phone)> VehicleWithTerminalAsync(int skip = 0)
    {
        var admin = await Factory.ClientForAsync("admin");
        var v = (await Ok(await admin.GetAsync("/api/vehicles?pageSize=200"))).GetProperty("items").EnumerateArray()
            .Where(x => x.GetProperty("terminalPhone").ValueKind == JsonValueKind.String).Skip(skip).First();
        var gateway = await Factory.Services.GetRequiredService<Jt808Gateway>().BoundEndPoint;
        return (gateway, v.GetProperty("plate").GetString()!, v.GetProperty("terminalPhone").GetString()!);
    }

    [Fact]
    public async Task Terminal_registers_authenticates_reports_and_the_position_is_readable_after_the_ack()
    {
        var (gateway, plate, phone) = await VehicleWithTerminalAsync();
        await using var t = new TerminalClient(phone);
        await t.ConnectAsync(gateway);
        await t.RegisterAndAuthenticateAsync(plate);

        await t.SendAsync(Jt808EmptyMessage.Heartbeat);
        Assert.Equal(Jt808PlatformResult.Success, (await t.ReadGeneralReplyAsync()).Result);

        var time = DateTimeOffset.UtcNow.AddSeconds(-5).ToOffset(TimeSpan.FromHours(8));
        time = time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond));
        await t.SendAsync(Jt808LocationReport.Create(time, 36.8123, 118.3045, 35.5, 90, 48));
        var ack = await t.ReadGeneralReplyAsync();
        Assert.Equal(Jt808PlatformResult.Success, ack.Result);
        Assert.Equal(t.LastSerial, ack.ReplySerial);
        Assert.Equal(Jt808MessageId.LocationReport, ack.ReplyMessageId);

        // Acknowledged means stored: the track has it at once.
        var client = await Factory.ClientForAsync("admin");
        var from = Uri.EscapeDataString(time.AddMinutes(-1).ToString("O"));
        var to = Uri.EscapeDataString(time.AddMinutes(1).ToString("O"));
        var track = (await Ok(await client.GetAsync($"/api/vehicles/{Uri.EscapeDataString(plate)}/track?from={from}&to={to}"))).EnumerateArray().ToList();
        var p = Assert.Single(track);
        Assert.Equal(36.8123, p.GetProperty("lat").GetDouble(), 6);
        Assert.Equal(118.3045, p.GetProperty("lon").GetDouble(), 6);
        Assert.Equal(35.5, p.GetProperty("speedKmh").GetDouble(), 1);
        Assert.Equal("Jt808", p.GetProperty("source").GetString());
        Assert.Equal(time, p.GetProperty("time").GetDateTimeOffset());

        // A batch (0x0704) of blind-area positions is stored and acknowledged as one.
        var batch = new Jt808LocationBatch(Jt808LocationBatchType.BlindAreaReupload,
            Enumerable.Range(1, 5).Select(i => Jt808LocationReport.Create(time.AddSeconds(-60 * i), 36.81 - 0.001 * i, 118.30, 30)).ToList());
        await t.SendAsync(batch);
        Assert.Equal(Jt808PlatformResult.Success, (await t.ReadGeneralReplyAsync()).Result);
        track = (await Ok(await client.GetAsync($"/api/vehicles/{Uri.EscapeDataString(plate)}/track?from={Uri.EscapeDataString(time.AddMinutes(-10).ToString("O"))}&to={to}"))).EnumerateArray().ToList();
        Assert.Equal(6, track.Count);
    }

    [Fact]
    public async Task Unknown_terminals_are_refused_and_unauthenticated_positions_are_not_stored()
    {
        var gateway = await Factory.Services.GetRequiredService<Jt808Gateway>().BoundEndPoint;
        await using var stranger = new TerminalClient("019999999999");
        await stranger.ConnectAsync(gateway);
        await stranger.SendAsync(new Jt808Registration { ManufacturerId = "X", Model = "Y", TerminalId = "Z", Plate = "鲁C99999" });
        var reply = await stranger.ReadAsync();
        Assert.True(Jt808RegistrationReply.TryDecode(reply!.Value.Body, out var r, out _));
        Assert.Equal(Jt808RegistrationResult.NoSuchTerminal, r!.Result);
        Assert.Null(r.AuthCode);

        var (_, _, phone) = await VehicleWithTerminalAsync(skip: 1);
        await using var t = new TerminalClient(phone);
        await t.ConnectAsync(gateway);
        await t.SendAsync(Jt808LocationReport.Create(DateTimeOffset.UtcNow, 36.8, 118.3));
        Assert.Equal(Jt808PlatformResult.Failure, (await t.ReadGeneralReplyAsync()).Result);
        await t.SendAsync(new Jt808Authentication("WRONGCODE"));
        Assert.Equal(Jt808PlatformResult.Failure, (await t.ReadGeneralReplyAsync()).Result);
    }

    [Fact]
    public async Task A_malformed_frame_is_skipped_and_the_connection_goes_on()
    {
        var (gateway, plate, phone) = await VehicleWithTerminalAsync(skip: 2);
        await using var t = new TerminalClient(phone);
        await t.ConnectAsync(gateway);
        await t.RegisterAndAuthenticateAsync(plate);
        var stats = Factory.Services.GetRequiredService<Jt808Stats>();
        var rejected = stats.RejectedFrames;
        // Garbage, an invalid escape and a frame with a bad check code, then a good heartbeat.
        await t.SendRawAsync([0x01, 0x02, 0x03, 0x7E, 0x00, 0x02, 0x7D, 0x03, 0x7E, 0x7E, 0x00, 0x02, 0x00, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x00, 0x01, 0xFF, 0x7E]);
        await t.SendAsync(Jt808EmptyMessage.Heartbeat);
        Assert.Equal(Jt808PlatformResult.Success, (await t.ReadGeneralReplyAsync()).Result);
        Assert.True(stats.RejectedFrames >= rejected + 2);
    }

    [Fact]
    public async Task Zones_pushed_by_the_police_reach_the_terminal_as_polygon_areas_and_its_reply_settles_the_command()
    {
        var (gateway, plate, phone) = await VehicleWithTerminalAsync(skip: 3);
        var police = await Factory.ClientForAsync("police");
        var zones = (await Ok(await police.GetAsync("/api/tracking/zones"))).EnumerateArray().ToList();
        var zone = zones[0];
        var zoneId = zone.GetProperty("id").GetInt32();
        var enc = Uri.EscapeDataString(plate);

        // Queued while the terminal is away: it stays pending.
        var queued = (await Ok(await police.PostAsJsonAsync($"/api/tracking/vehicles/{enc}/zones/push", new { zoneIds = new[] { zoneId } }))).EnumerateArray().ToList();
        var command = Assert.Single(queued);
        Assert.Equal("Pending", command.GetProperty("status").GetString());
        Assert.Equal("SetZone", command.GetProperty("kind").GetString());

        // The terminal connects and authenticates: the gateway sends 0x8604 with the zone's outline.
        await using var t = new TerminalClient(phone);
        await t.ConnectAsync(gateway);
        await t.RegisterAndAuthenticateAsync(plate);
        var frame = await t.ReadAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(frame);
        Assert.Equal(Jt808MessageId.SetPolygonArea, frame!.Value.Header.MessageId);
        Assert.True(Jt808SetPolygonArea.TryDecode(frame.Value.Body, out var area, out _));
        Assert.Equal((uint)zoneId, area!.Id);
        var ring = zone.GetProperty("area").GetProperty("coordinates")[0].EnumerateArray().ToList();
        Assert.Equal(ring.Count - 1, area.Vertices.Count);   // GeoJSON closes the ring; the terminal area does not
        Assert.Equal(ring[0][1].GetDouble(), area.Vertices[0].Latitude, 5);
        Assert.Equal(ring[0][0].GetDouble(), area.Vertices[0].Longitude, 5);
        Assert.True(area.Attributes.HasFlag(Jt808AreaAttributes.EnterAlarmToDriver));

        // The command round records "sent" once the frame is written, so the terminal may read the frame a moment before
        // the API shows it: wait for the status to leave "pending", then it must be "sent" (the terminal has not replied).
        async Task<JsonElement> CommandAsync(Func<JsonElement, bool> pick, string leaves)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (true)
            {
                var c = (await Ok(await police.GetAsync($"/api/tracking/vehicles/{enc}/commands"))).EnumerateArray().Single(pick);
                if (c.GetProperty("status").GetString() != leaves || DateTime.UtcNow > deadline) return c;
                await Task.Delay(100);
            }
        }
        bool Pushed(JsonElement c) => c.GetProperty("id").GetInt32() == command.GetProperty("id").GetInt32();
        Assert.Equal("Sent", (await CommandAsync(Pushed, "Pending")).GetProperty("status").GetString());

        // The terminal's 0x0001 reply settles it.
        await t.SendAsync(new Jt808TerminalGeneralReply(frame.Value.Header.SerialNumber, Jt808MessageId.SetPolygonArea, Jt808TerminalResult.Success));
        Assert.Equal("Acknowledged", (await CommandAsync(Pushed, "Sent")).GetProperty("status").GetString());

        // Clearing while connected goes out at once as 0x8605 (delete all polygon areas); a failure reply is recorded.
        await Ok(await police.PostAsync($"/api/tracking/vehicles/{enc}/zones/clear", null));
        var del = await t.ReadAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Jt808MessageId.DeletePolygonAreas, del!.Value.Header.MessageId);
        Assert.Equal(0, del.Value.Body[0]);   // count 0: all
        var clear = (await Ok(await police.GetAsync($"/api/tracking/vehicles/{enc}/commands"))).EnumerateArray().First();   // newest first
        Assert.Equal("DeleteZones", clear.GetProperty("kind").GetString());
        bool Cleared(JsonElement c) => c.GetProperty("id").GetInt32() == clear.GetProperty("id").GetInt32();
        Assert.Equal("Sent", (await CommandAsync(Cleared, "Pending")).GetProperty("status").GetString());
        await t.SendAsync(new Jt808TerminalGeneralReply(del.Value.Header.SerialNumber, Jt808MessageId.DeletePolygonAreas, Jt808TerminalResult.Unsupported));
        var last = await CommandAsync(Cleared, "Sent");
        Assert.Equal("Failed", last.GetProperty("status").GetString());
        Assert.Equal(3, last.GetProperty("result").GetInt32());

        // Permissions and bad input: an enterprise may not push; unknown zones and unknown plates are refused.
        var qiye = await Factory.ClientForAsync("qiye");
        Assert.Equal(HttpStatusCode.Forbidden, (await qiye.PostAsJsonAsync($"/api/tracking/vehicles/{enc}/zones/push", new { })).StatusCode);
        var bad = await Problem(await police.PostAsJsonAsync($"/api/tracking/vehicles/{enc}/zones/push", new { zoneIds = new[] { 999999 } }), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("zoneIds", out _));
        await Problem(await police.PostAsJsonAsync("/api/tracking/vehicles/%E9%B2%81C00000/zones/push", new { }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Many_terminals_authenticating_at_once_ask_for_one_command_round_not_one_each()
    {
        // A restart brings every terminal back within seconds; each authentication wakes the command sender. Before the
        // wake-ups were coalesced, 10,000 of them queued 10,000 back-to-back database rounds.
        var commands = Factory.Services.GetRequiredService<TerminalCommandService>();
        var before = commands.Rounds;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => { for (var i = 0; i < 1_000; i++) commands.Wake(); })));
        await Task.Delay(1_500);
        var rounds = commands.Rounds - before;
        Assert.InRange(rounds, 1, 10);   // the wake-up's round, one woken during it, periodic ones (every 2 s); not thousands
    }
}

/// <summary>The idle time-out (a sweep over the open connections), with a one-second time-out.</summary>
public sealed class GatewayIdleTests(GatewayIdleTests.Host factory) : IClassFixture<GatewayIdleTests.Host>
{
    public sealed class Host : GreenFreightFactory
    {
        public Host() : base(Provider.Sqlite) => Settings = new Dictionary<string, string> { ["Jt808:IdleTimeoutSeconds"] = "1" };
    }

    [Fact]
    public async Task A_silent_connection_is_closed_after_the_idle_time_out_and_one_that_keeps_talking_is_not()
    {
        var gateway = await factory.Services.GetRequiredService<Jt808Gateway>().BoundEndPoint;
        var stats = factory.Services.GetRequiredService<Jt808Stats>();
        // The clock starts before the silent one connects, so it cannot read less than the idle time however slowly the
        // second connection opens on a loaded machine.
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var silent = new TerminalClient("019999999998");
        await silent.ConnectAsync(gateway);
        await using var talking = new TerminalClient("019999999997");
        await talking.ConnectAsync(gateway);

        // The gateway closes the silent one (the read returns null); a read that times out after 10 s fails the test.
        var closed = Task.Run(async () => (await silent.ReadAsync(TimeSpan.FromSeconds(10)), started.Elapsed));
        // The other sends a frame every 300 ms (a heartbeat, answered with a failure: it never authenticated) for 3 s.
        for (var i = 0; i < 10; i++)
        {
            await talking.SendAsync(Jt808EmptyMessage.Heartbeat);
            Assert.Equal(Jt808PlatformResult.Failure, (await talking.ReadGeneralReplyAsync()).Result);
            await Task.Delay(300);
        }
        var (frame, at) = await closed;
        Assert.Null(frame);
        // 1 s idle, swept every 250 ms: closed after 1.0-1.25 s on a quiet machine (less a tick of the coarse clock). The
        // upper bound leaves room for a loaded CI runner and still tells "closed by the sweep" from "never closed" (the read
        // would time out at 10 s).
        Assert.InRange(at.TotalSeconds, 0.95, 6.0);
        await talking.SendAsync(Jt808EmptyMessage.Heartbeat);
        Assert.Equal(Jt808PlatformResult.Failure, (await talking.ReadGeneralReplyAsync()).Result);
        Assert.True(stats.Open >= 1);
    }
}
