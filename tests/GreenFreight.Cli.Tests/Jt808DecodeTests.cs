using System.Globalization;
using System.Text.Json;

namespace GreenFreight.Cli.Tests;

/// <summary><c>greenfreight jt808 decode</c> on the shared captured frames.</summary>
public sealed class Jt808DecodeTests
{
    static List<Dictionary<string, string>> Rows()
    {
        var lines = File.ReadAllLines(Path.Combine(GreenFreight.Testing.RepoRoot.Shared, "testvectors", "jt808", "frames.tsv"));
        var head = lines[0].Split('\t');
        return lines.Skip(1).Select(l => l.Split('\t')).Select(c => head.Select((h, i) => (h, v: i < c.Length ? c[i] : "")).ToDictionary(x => x.h, x => x.v)).ToList();
    }

    public static TheoryData<int> LocationRows()
    {
        var d = new TheoryData<int>();
        var rows = Rows();
        for (var i = 0; i < rows.Count; i++)
            if (rows[i]["message_id"] == "0x0200" && rows[i]["checksum_ok"] == "yes" && !rows[i]["tags"].Contains("malformed") && rows[i]["lat"].Length > 0)
                d.Add(i);
        return d;
    }

    static async Task<(int Code, JsonElement Json)> Run(string hex)
    {
        var o = new StringWriter();
        var code = await CliApp.RunAsync(["jt808", "decode", hex], o, new StringWriter());
        return (code, JsonDocument.Parse(o.ToString()).RootElement.Clone());
    }

    [Theory]
    [MemberData(nameof(LocationRows))]
    public async Task Location_frames_decode_to_their_stated_values(int index)
    {
        var row = Rows()[index];
        var (code, json) = await Run(row["hex"]);
        Assert.Equal(0, code);
        Assert.Equal("0x0200", json.GetProperty("messageId").GetString());
        Assert.Equal(row["terminal_phone"], json.GetProperty("phone").GetString());
        Assert.Equal(int.Parse(row["msg_sn"], CultureInfo.InvariantCulture), json.GetProperty("serial").GetInt32());
        Assert.Equal(double.Parse(row["lat"], CultureInfo.InvariantCulture), json.GetProperty("lat").GetDouble(), 6);
        Assert.Equal(double.Parse(row["lon"], CultureInfo.InvariantCulture), json.GetProperty("lon").GetDouble(), 6);
        Assert.Equal(double.Parse(row["speed_kmh"], CultureInfo.InvariantCulture), json.GetProperty("speedKmh").GetDouble(), 1);
        var time = DateTime.ParseExact(row["time_gmt8"], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        Assert.Equal(time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+08:00", json.GetProperty("time").GetString());
        Assert.True(json.GetProperty("checksumOk").GetBoolean());
    }

    [Fact]
    public async Task A_bad_check_code_is_an_error_object_with_exit_code_2()
    {
        var row = Rows().First(r => r["tags"].Contains("bad-checksum"));
        var (code, json) = await Run(row["hex"]);
        Assert.Equal(2, code);
        Assert.Equal("BadCheckCode", json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_batch_lists_its_positions_and_garbage_is_refused()
    {
        var row = Rows().First(r => r["message_id"] == "0x0704" && r["checksum_ok"] == "yes" && !r["tags"].Contains("malformed"));
        var (code, json) = await Run(row["hex"]);
        Assert.Equal(0, code);
        Assert.True(json.GetProperty("positions").GetArrayLength() > 0);
        Assert.Equal(2, (await Run("nothex")).Code);
        Assert.Equal(2, (await Run("7E0200")).Code);
    }
}
