using System.Text.Json;
using GreenFreight.Cli;
using GreenFreight.Planning.Io;
using GreenFreight.Testing;

namespace GreenFreight.Cli.Tests;

public class PlanTests
{
    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = PlanCommand.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    static string Solomon(string name) => Path.Combine(RepoRoot.Shared, "benchmarks", "vrptw", "solomon", name + ".txt");

    [Fact]
    public void Plan_json_prints_one_object_with_feasible_routes_covering_every_customer()
    {
        var r = Run(Solomon("C101"), "--iterations", "30", "--seed", "3", "--json");
        Assert.Equal(0, r.Code);
        using var doc = JsonDocument.Parse(r.Out); // exactly one JSON value (Parse rejects trailing content)
        var root = doc.RootElement;
        Assert.True(root.GetProperty("feasible").GetBoolean());
        var routes = root.GetProperty("routes").EnumerateArray().Select(a => a.EnumerateArray().Select(x => x.GetInt32()).ToArray()).ToList();
        Assert.Equal(root.GetProperty("vehicles").GetInt32(), routes.Count);
        Assert.Equal(Enumerable.Range(1, 100), routes.SelectMany(x => x).Order());
        // Re-evaluate the printed routes independently: feasible and the printed distance (unrounded Euclidean).
        var problem = SolomonReader.Read(Solomon("C101"));
        var sol = SolutionReader.ToSolution(problem, routes.Select(a => a.Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()));
        Assert.True(sol.Feasible);
        Assert.Equal(sol.Distance, root.GetProperty("distance").GetDouble(), 4);
        Assert.InRange(sol.Distance, 828.9, 900); // C101's optimum is 828.94
    }

    [Fact]
    public void Plan_vrplib_numbers_clients_as_in_sol_files()
    {
        var file = Path.Combine(RepoRoot.Shared, "benchmarks", "cvrp", "X", "X-n101-k25.vrp");
        var r = Run(file, "--iterations", "10", "--json");
        Assert.Equal(0, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        var ids = doc.RootElement.GetProperty("routes").EnumerateArray().SelectMany(a => a.EnumerateArray().Select(x => x.GetInt32())).Order();
        Assert.Equal(Enumerable.Range(1, 100), ids);
        Assert.Equal(doc.RootElement.GetProperty("distance").GetDouble(), Math.Round(doc.RootElement.GetProperty("distance").GetDouble()));
    }

    [Fact]
    public void Plan_json_problem_with_lon_lat()
    {
        var dir = Directory.CreateTempSubdirectory("gf-plan-").FullName;
        var file = Path.Combine(dir, "p.json");
        File.WriteAllText(file, """
            { "name": "linzi", "speedKmh": 30, "roadFactor": 1.3,
              "depots": [ { "id": "DC", "lon": 118.309, "lat": 36.826, "open": "06:00", "close": "20:00" } ],
              "vehicleTypes": [ { "id": "ev", "count": 2, "weightCapacity": 1000, "energy": "Electric", "shiftStart": "07:00", "shiftEnd": "19:00" } ],
              "clients": [
                { "id": "S1", "lon": 118.30, "lat": 36.81, "weight": 300, "serviceMinutes": 10, "timeWindows": [["08:00", "10:00"]] },
                { "id": "S2", "lon": 118.33, "lat": 36.83, "weight": 400, "serviceMinutes": 10 },
                { "id": "S3", "lon": 118.28, "lat": 36.84, "weight": 500, "serviceMinutes": 10, "timeWindows": [["09:00", "12:00"], ["14:00", "16:00"]] } ] }
            """);
        var r = Run(file, "--iterations", "10", "--json");
        Assert.Equal(0, r.Code);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(2, doc.RootElement.GetProperty("vehicles").GetInt32()); // 1,200 kg does not fit one 1,000 kg vehicle
        Assert.Equal(["S1", "S2", "S3"], doc.RootElement.GetProperty("routes").EnumerateArray().SelectMany(a => a.EnumerateArray().Select(x => x.GetString()!)).Order());
    }

    [Theory]
    [InlineData("--time-limit", "abc")]
    [InlineData("--format", "xml")]
    [InlineData("--bogus")]
    public void Bad_arguments_give_a_message_and_non_zero_exit(params string[] extra)
    {
        var r = Run([Solomon("C101"), .. extra]);
        Assert.NotEqual(0, r.Code);
        Assert.False(string.IsNullOrWhiteSpace(r.Err));
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void Missing_or_malformed_file_is_refused()
    {
        Assert.Equal(CliApp.Usage, Run("/nonexistent/x.txt").Code);
        var bad = Path.Combine(Directory.CreateTempSubdirectory("gf-plan-").FullName, "bad.json");
        File.WriteAllText(bad, """{ "depots": [ { "id": "D", "lon": 1, "lat": 2 } ], "vehicleTypes": [ {} ], "clients": [ { "id": "a", "lon": 1 } ] }""");
        var r = Run(bad, "--json");
        Assert.Equal(CliApp.Failed, r.Code);
        Assert.Contains("clients[0].lat", r.Err);
        Assert.Equal("", r.Out);
    }
}
