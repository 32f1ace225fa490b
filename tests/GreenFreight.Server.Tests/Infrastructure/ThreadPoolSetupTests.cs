using GreenFreight.Server.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace GreenFreight.Server.Tests.Infrastructure;

/// <summary>The host raises the pool's minimum of worker threads so that SQLite lock waits cannot starve socket work.</summary>
public sealed class ThreadPoolSetupTests
{
    static IConfiguration Config(string? value) => new ConfigurationBuilder()
        .AddInMemoryCollection(value is null ? [] : [new("Hosting:MinWorkerThreads", value)]).Build();

    [Fact]
    public void Raises_the_minimum_to_the_configured_value_and_never_lowers_it()
    {
        // Above the default, which test hosts starting in parallel apply meanwhile.
        ThreadPool.GetMinThreads(out var before, out _);
        var target = Math.Max(before, ThreadPoolSetup.DefaultMinWorkerThreads) + 3;
        Assert.Equal(target, ThreadPoolSetup.Apply(Config(target.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        ThreadPool.GetMinThreads(out var now, out _);
        Assert.Equal(target, now);
        Assert.Equal(target, ThreadPoolSetup.Apply(Config("1")));   // a lower value leaves it as it is
    }

    [Fact]
    public void Defaults_to_at_least_64_workers_and_rejects_a_value_below_one()
    {
        Assert.True(ThreadPoolSetup.Apply(Config(null)) >= ThreadPoolSetup.DefaultMinWorkerThreads);
        var ex = Assert.Throws<InvalidOperationException>(() => ThreadPoolSetup.Apply(Config("0")));
        Assert.Contains("Hosting:MinWorkerThreads", ex.Message);
    }
}
