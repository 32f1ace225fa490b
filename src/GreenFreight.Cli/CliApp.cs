using GreenFreight.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Registry;

namespace GreenFreight.Cli;

/// <summary>
/// The <c>greenfreight</c> command line: <c>serve</c>, <c>seed</c>, <c>export</c>, <c>import</c>, <c>template</c>.
/// Database options are the server's: <c>--Database:Provider=Postgres --ConnectionStrings:Main=...</c> or environment
/// variables (<c>Database__Provider</c>, <c>ConnectionStrings__Main</c>).
/// </summary>
public static class CliApp
{
    public const int Ok = 0, Usage = 1, Failed = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            output.WriteLine(Help);
            return args.Length == 0 ? Usage : Ok;
        }
        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "serve" => await ServeAsync(rest),
                "seed" => await SeedAsync(rest, output),
                "export" => await ExportAsync(rest, output, error),
                "template" => await TemplateAsync(rest, output, error),
                "import" => await ImportAsync(rest, output, error),
                "jt808" => Jt808Decode.Run(rest, output, error),
                "seed-fleet" => await SeedFleetAsync(rest, output, error),
                "simulate" => await Simulation.SimulateCommand.RunAsync(rest, output, error),
                "plan" => PlanCommand.Run(rest, output, error),
                "pass" => await PassCommand.RunAsync(rest, output, error),
                _ => Fail(error, $"未知命令 unknown command: {args[0]}\n\n{Help}", Usage),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            return Fail(error, $"错误 error: {ex.Message}", Failed);
        }
    }

    public const string Help = """
        greenfreight — 临淄区城市绿色货运配送公共信息服务平台 command line

          greenfreight serve [--urls http://0.0.0.0:8080]     run the platform (web UI and API)
          greenfreight seed                                  apply migrations and seed reference (and demo) data, then exit
          greenfreight export <registry> <file.xlsx>         export a registry to Excel
          greenfreight template <registry> <file.xlsx>       write the Excel import template of a registry
          greenfreight import <registry> <file.xlsx>         import a registry from Excel (all rows or none)
          greenfreight jt808 decode <hex>                    decode one JT/T 808 frame to JSON (exit 2 if rejected)
          greenfreight seed-fleet --vehicles N               add N demo vehicles with JT/T 808 terminal phones (load tests)
          greenfreight simulate --terminals N --rate R --duration S [--host H] [--port P] [--db D | --phones-file F]
                                [--malformed-percent P] [--json]
                                                             drive N simulated terminals against the JT/T 808 gateway
          greenfreight plan <file> [--format solomon|vrplib|json] [--time-limit SEC] [--seed N] [--iterations N] [--json]
                                                             plan routes (vehicle routing) for an instance file
          greenfreight pass verify <token|url> [--public-key key.pem]
                                                             check an electronic pass offline (exit 0 valid, 2 otherwise)
          greenfreight pass public-key [--out key.pem]       write the pass-signing public key of the database

        registries: units, enterprises, facilities, vehicles, outlets
        database:   SQLite file data/greenfreight.db by default; --Database:Provider=Postgres --ConnectionStrings:Main="Host=...;..."
        """;

    static int Fail(TextWriter error, string message, int code)
    {
        error.WriteLine(message);
        return code;
    }

    static async Task<int> ServeAsync(string[] args)
    {
        await GreenFreightApp.Build(args).RunAsync();
        return Ok;
    }

    /// <summary>Builds the host without starting the web server and brings the database up to date.</summary>
    static async Task<(WebApplication App, SeedReport Report)> OpenAsync(string[] options)
    {
        // Quiet by default: the command's own lines are the output.
        string[] quiet = ["--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning"];
        var app = GreenFreightApp.Build([.. quiet, .. options]);
        var report = await DatabaseSetup.InitializeAsync(app.Services);
        return (app, report);
    }

    static async Task<int> SeedAsync(string[] args, TextWriter output)
    {
        var (app, report) = await OpenAsync(args);
        await using var _ = app;
        output.WriteLine($"数据库 database: {report.Provider} {report.Database}");
        output.WriteLine(report.DemoDataCreated ? "已生成临淄区演示数据 demo data generated" : "演示数据已存在或已关闭 demo data present or disabled");
        foreach (var l in report.Logins) output.WriteLine($"  {l.UserName,-8} {l.Role}");
        if (report.GeneratedAdminPassword is { } pw) output.WriteLine($"admin password: {pw}");
        if (report.GeneratedDemoPassword is { } dpw) output.WriteLine($"demo password: {dpw}");
        return Ok;
    }

    static async Task<int> SeedFleetAsync(string[] args, TextWriter output, TextWriter error)
    {
        int? count = null;
        var seed = Environment.TickCount;
        var options = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--vehicles" or "--seed" && i + 1 < args.Length && int.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                if (args[i] == "--vehicles") count = n; else seed = n;
                i++;
            }
            else options.Add(args[i]);
        }
        if (count is not (>= 1 and <= 1_000_000))
            return Fail(error, "用法 usage: greenfreight seed-fleet --vehicles N [--seed S] [database options]   (1 ≤ N ≤ 1,000,000)", Usage);
        var (app, report) = await OpenAsync([.. options]);
        await using var _ = app;
        var factory = app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AppDbContext>>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var r = await DemoFleet.AddAsync(factory, count.Value, seed);
        output.WriteLine($"数据库 database: {report.Provider} {report.Database}");
        output.WriteLine($"已添加演示车辆 added {r.Added:N0} demo vehicles with terminals {r.FirstPhone}…{r.LastPhone} in {watch.Elapsed.TotalSeconds:F1} s; {r.VehiclesWithTerminal:N0} vehicles have a terminal phone");
        return Ok;
    }

    static bool TakeRegistryAndFile(string[] args, TextWriter error, out string registry, out string file, out string[] options)
    {
        var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        options = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        registry = positional.ElementAtOrDefault(0) ?? "";
        file = positional.ElementAtOrDefault(1) ?? "";
        if (positional.Count == 2) return true;
        error.WriteLine("用法 usage: greenfreight export|import|template <registry> <file.xlsx>");
        return false;
    }

    static IRegistryFiles? Find(WebApplication app, string name, TextWriter error)
    {
        var all = app.Services.GetServices<IRegistryFiles>().ToList();
        var found = all.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (found is null) error.WriteLine($"未知的登记簿 unknown registry '{name}'; one of: {string.Join(", ", all.Select(r => r.Name))}");
        return found;
    }

    static readonly UserContext Cli = new("cli", "command line", new HashSet<string> { Roles.Office }, null, null);

    static async Task<int> ExportAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (!TakeRegistryAndFile(args, error, out var name, out var file, out var options)) return Usage;
        var (app, _) = await OpenAsync(options);
        await using var __ = app;
        if (Find(app, name, error) is not { } registry) return Usage;
        var bytes = await registry.ExportAsync(new RegistryFilter(), Cli);
        await File.WriteAllBytesAsync(file, bytes);
        output.WriteLine($"已导出 exported {name} → {Path.GetFullPath(file)} ({bytes.Length:N0} bytes)");
        return Ok;
    }

    static async Task<int> TemplateAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (!TakeRegistryAndFile(args, error, out var name, out var file, out var options)) return Usage;
        var (app, _) = await OpenAsync(options);
        await using var __ = app;
        if (Find(app, name, error) is not { } registry) return Usage;
        await File.WriteAllBytesAsync(file, registry.Template());
        output.WriteLine($"已写出模板 template → {Path.GetFullPath(file)}");
        return Ok;
    }

    static async Task<int> ImportAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (!TakeRegistryAndFile(args, error, out var name, out var file, out var options)) return Usage;
        if (!File.Exists(file)) return Fail(error, $"文件不存在 file not found: {file}", Usage);
        var (app, _) = await OpenAsync(options);
        await using var __ = app;
        if (Find(app, name, error) is not { } registry) return Usage;
        await using var stream = File.OpenRead(file);
        var result = await registry.ImportAsync(stream, Cli);
        if (result.Kind == OutcomeKind.Ok)
        {
            output.WriteLine($"已导入 imported {result.Value!.Imported} rows into {name}");
            return Ok;
        }
        var errors = result.Value?.Errors ?? [];
        error.WriteLine($"导入失败，未保存任何数据 import failed, nothing saved: {errors.Count} errors");
        foreach (var e in errors) error.WriteLine($"  第 {e.Row} 行 row {e.Row}  {e.Column}: {e.Message}");
        return Failed;
    }
}
