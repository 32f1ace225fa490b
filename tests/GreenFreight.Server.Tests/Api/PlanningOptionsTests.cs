using GreenFreight.Server.Planning;
using Microsoft.Extensions.Configuration;

namespace GreenFreight.Server.Tests.Api;

/// <summary>The comparison factors come from configuration (appsettings <c>Planning</c>, environment variables).</summary>
public sealed class PlanningOptionsTests
{
    [Fact]
    public void Factors_are_configurable_and_unset_ones_keep_their_defaults()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Planning:Energy:Diesel:PerKm"] = "0.2",
            ["Planning:Energy:Diesel:Co2KgPerUnit"] = "2.7",
            ["Planning:DriverCostPerHour"] = "55",
        }).Build();
        var o = new PlanningOptions();
        config.GetSection("Planning").Bind(o);
        Assert.Equal(0.2, o.FactorOf(GreenFreight.Domain.Registry.EnergyType.Diesel).PerKm);
        Assert.Equal(2.7, o.FactorOf(GreenFreight.Domain.Registry.EnergyType.Diesel).Co2KgPerUnit);
        Assert.Equal("L", o.FactorOf(GreenFreight.Domain.Registry.EnergyType.Diesel).Unit);
        Assert.Equal(0.25, o.FactorOf(GreenFreight.Domain.Registry.EnergyType.Bev).PerKm);
        Assert.Equal(55, o.DriverCostPerHour);
        var summary = PlanningService.Summary([(GreenFreight.Domain.Registry.EnergyType.Diesel, 100, 2)], true, o);
        Assert.Equal(20, summary.ByEnergy[0].Amount, 6);
        Assert.Equal(54, summary.Co2Kg, 6);
    }
}
