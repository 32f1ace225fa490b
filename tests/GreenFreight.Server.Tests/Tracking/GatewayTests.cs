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
}
