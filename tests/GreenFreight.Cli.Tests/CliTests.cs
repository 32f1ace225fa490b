using GreenFreight.Cli;
using MiniExcelLibs;

namespace GreenFreight.Cli.Tests;

public sealed class CliTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "gf-cli-tests", Guid.NewGuid().ToString("N"));
    readonly string _db;

    public CliTests()
    {
        Directory.CreateDirectory(_dir);
        _db = $"--ConnectionStrings:Main=Data Source={Path.Combine(_dir, "gf.db")}";
    }

    static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = await CliApp.RunAsync(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Seed_then_export_vehicles_writes_every_demo_vehicle()
    {
        var seed = await Run("seed", _db, "--Seed:AdminPassword=Admin#Cli2026", "--Seed:DemoPassword=Demo#Cli2026");
        Assert.Equal(0, seed.Code);
        Assert.Contains("演示数据", seed.Out);

        var file = Path.Combine(_dir, "vehicles.xlsx");
        var export = await Run("export", "vehicles", file, _db);
        Assert.Equal(0, export.Code);
        var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(800, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("鲁C", r["车牌号"].ToString()));
    }

    [Fact]
    public async Task Import_with_a_bad_row_exits_non_zero_lists_the_row_and_saves_nothing()
    {
        await Run("seed", _db, "--Seed:DemoData=false", "--Seed:AdminPassword=Admin#Cli2026");
        var file = Path.Combine(_dir, "enterprises.xlsx");
        MiniExcel.SaveAs(file, new[]
        {
            new Dictionary<string, object?> { ["企业名称"] = "淄博示例物流有限公司", ["统一社会信用代码"] = "91370305MA3C4XXXXX", ["企业类型"] = "物流企业" },
            new Dictionary<string, object?> { ["企业名称"] = "错误代码公司", ["统一社会信用代码"] = "91370305MA3C4XXXX0", ["企业类型"] = "物流企业" },
        });
        var bad = await Run("import", "enterprises", file, _db);
        Assert.Equal(CliApp.Failed, bad.Code);
        Assert.Contains("第 3 行", bad.Err);
        Assert.Contains("统一社会信用代码", bad.Err);

        var export = Path.Combine(_dir, "out.xlsx");
        Assert.Equal(0, (await Run("export", "enterprises", export, _db)).Code);
        Assert.DoesNotContain(MiniExcel.Query(export, useHeaderRow: true).Cast<IDictionary<string, object>>(), r => r["企业名称"] is not null);

        MiniExcel.SaveAs(file, new[] { new Dictionary<string, object?> { ["企业名称"] = "淄博示例物流有限公司", ["统一社会信用代码"] = "91370305MA3C4XXXXX", ["企业类型"] = "物流企业" } }, overwriteFile: true);
        var good = await Run("import", "enterprises", file, _db);
        Assert.Equal(0, good.Code);
        Assert.Contains("1", good.Out);
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, CliApp.Usage)]
    [InlineData(new[] { "export", "vehicles" }, CliApp.Usage)]
    [InlineData(new[] { "import", "vehicles", "/nonexistent/file.xlsx" }, CliApp.Usage)]
    public async Task Bad_usage_gives_a_message_and_a_non_zero_exit(string[] args, int expected)
    {
        var r = await Run(args);
        Assert.Equal(expected, r.Code);
        Assert.False(string.IsNullOrWhiteSpace(r.Err + r.Out));
    }

    [Fact]
    public async Task Unknown_registry_is_refused()
    {
        var r = await Run("export", "spaceships", Path.Combine(_dir, "x.xlsx"), _db, "--Seed:DemoData=false", "--Seed:AdminPassword=Admin#Cli2026");
        Assert.Equal(CliApp.Usage, r.Code);
        Assert.Contains("vehicles", r.Err);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
