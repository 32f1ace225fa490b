using System.Globalization;
using GreenFreight.Planning.Io;
using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Tests;

public class ReaderAndEvaluatorTests
{
    public static TheoryData<string, int, string> HombergerBks()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var r in Bench.Csv("vrptw/bks_homberger_200.csv")) data.Add(r[0], int.Parse(r[2], CultureInfo.InvariantCulture), r[3]);
        return data;
    }

    [Theory]
    [MemberData(nameof(HombergerBks))]
    public void Evaluator_reproduces_every_Gehring_Homberger_200_BKS(string instance, int vehicles, string distance)
    {
        var problem = Bench.Homberger(instance);
        var file = Directory.GetFiles(Path.Combine(Bench.Dir, "vrptw", "homberger_200_bks_routes"), instance + ".*").Single();
        var sol = SolutionReader.Read(problem, file);
        Assert.True(sol.Feasible, $"{instance}: BKS routes must be feasible");
        Assert.Equal(0, sol.MissingRequired);
        Assert.Equal(vehicles, sol.Vehicles);
        var decimals = distance.Contains('.') ? distance.Length - distance.IndexOf('.') - 1 : 0;
        Assert.Equal(distance, Math.Round(sol.Distance, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, CultureInfo.InvariantCulture));
    }

    public static TheoryData<string> XInstances()
    {
        var data = new TheoryData<string>();
        foreach (var r in Bench.Csv("cvrp/bks_x.csv")) if (int.Parse(r[1], CultureInfo.InvariantCulture) <= 300) data.Add(r[0]);
        return data;
    }

    [Theory]
    [MemberData(nameof(XInstances))]
    public void X_sol_files_have_the_stated_cost_with_nint_arcs(string instance)
    {
        var problem = Bench.X(instance);
        var (routes, cost) = SolutionReader.Parse(File.ReadAllText(Path.Combine(Bench.Dir, "cvrp", "X", instance + ".sol")));
        var sol = SolutionReader.ToSolution(problem, routes);
        Assert.True(sol.Feasible);
        Assert.Equal(cost, sol.Distance);
        Assert.Equal(cost, sol.Cost);
    }

    [Fact]
    public void Solomon_reader_reads_the_depot_the_fleet_and_every_customer()
    {
        var p = Bench.Solomon("C101");
        Assert.Equal(100, p.NumClients);
        Assert.Equal(25, p.VehicleTypes[0].Count);
        Assert.Equal(200, p.VehicleTypes[0].WeightCapacity);
        Assert.Equal(1236, p.Depots[0].CloseTime);
        var c1 = p.Clients[0];
        Assert.Equal("1", c1.Id);
        Assert.Equal((45.0, 68.0, 10.0, 90.0), (c1.X, c1.Y, c1.Weight, c1.ServiceTime));
        Assert.Equal(new TimeWindow(912, 967), c1.TimeWindows.Single());
        Assert.Equal(Math.Sqrt(5 * 5 + 18 * 18), p.Dist(0, 1), 12);
        Assert.Equal(Objective.Hierarchical, p.Objective);
    }

    [Fact]
    public void Solomon_reader_rejects_a_truncated_table()
    {
        Assert.Throws<FormatException>(() => SolomonReader.Parse("X\r\nVEHICLE\r\nNUMBER CAPACITY\r\n 25 200\r\nCUSTOMER\r\n0 40 50 0 0 1236\r\n"));
        Assert.Throws<FormatException>(() => SolomonReader.Parse("X\nCUSTOMER\n0 40 50 0 0 1236 0\n1 1 1 1 1 1 1\n"));
    }

    [Fact]
    public void Vrplib_reader_numbers_clients_as_in_sol_files_and_rounds_arcs()
    {
        var p = Bench.X("X-n101-k25");
        Assert.Equal(100, p.NumClients);
        Assert.Equal("1", p.Clients[0].Id);
        Assert.Equal(206, p.VehicleTypes[0].WeightCapacity);
        for (var i = 0; i < 20; i++) Assert.Equal(Math.Floor(p.Dist(0, i + 1)), p.Dist(0, i + 1));
        Assert.Throws<FormatException>(() => VrplibReader.Parse("NAME : a\nDIMENSION : 2\nNODE_COORD_SECTION\n1 0 0\n2 1 1\nEOF\n"));
    }
}
