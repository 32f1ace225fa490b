using GreenFreight.Server.Tracking;

namespace GreenFreight.Server.Tests.Tracking;

/// <summary>The sizing of the SQLite store's background transactions by a time budget.</summary>
public sealed class MaintenanceStepSizerTests
{
    static readonly TimeSpan Ms8 = TimeSpan.FromMilliseconds(8);

    [Fact]
    public void The_rows_are_the_measured_rate_times_the_budget()
    {
        // 150 rows/ms (an indexed insert of ~6.7 µs a row) for 8 ms: 1,200 rows.
        Assert.Equal(1_200, MaintenanceStepSizer.Rows(150, Ms8, remaining: 100_000, minRows: 256, maxRows: 50_000, previousRows: 1_000));
        // A slower disk halves the rate and so the rows.
        Assert.Equal(600, MaintenanceStepSizer.Rows(75, Ms8, 100_000, 256, 50_000, 1_000));
    }

    [Fact]
    public void Without_a_measurement_the_first_step_is_the_minimum()
    {
        Assert.Equal(256, MaintenanceStepSizer.Rows(0, Ms8, 100_000, 256, 50_000, 0));
        Assert.Equal(256, MaintenanceStepSizer.Rows(double.NaN, Ms8, 100_000, 256, 50_000, 0));
    }

    [Fact]
    public void The_rows_stay_within_the_minimum_the_cap_the_remaining_rows_and_twice_the_previous_step()
    {
        Assert.Equal(256, MaintenanceStepSizer.Rows(1, Ms8, 100_000, 256, 50_000, 300));          // 8 rows → minimum
        Assert.Equal(50_000, MaintenanceStepSizer.Rows(100_000, Ms8, 10_000_000, 256, 50_000, 40_000)); // cap
        Assert.Equal(500, MaintenanceStepSizer.Rows(150, Ms8, 100_000, 256, 50_000, 250));        // doubles at most
        Assert.Equal(90, MaintenanceStepSizer.Rows(150, Ms8, 90, 256, 50_000, 1_000));            // what remains
        Assert.Equal(0, MaintenanceStepSizer.Rows(150, Ms8, 0, 256, 50_000, 1_000));
        Assert.Equal(7, MaintenanceStepSizer.Rows(150, Ms8, 100, minRows: 20, maxRows: 7, previousRows: 7)); // cap below the minimum wins
    }

    [Fact]
    public void The_budget_is_short_while_appends_wait_longer_when_idle_and_longest_past_the_backstop()
    {
        var o = new SqliteStoreOptions();
        Assert.Equal(o.StepBudget, MaintenanceStepSizer.Budget(o, appendsWaiting: true, backlogRows: 100_000));
        Assert.Equal(o.IdleStepBudget, MaintenanceStepSizer.Budget(o, appendsWaiting: false, backlogRows: 100_000));
        Assert.Equal(o.BackstopStepBudget, MaintenanceStepSizer.Budget(o, appendsWaiting: true, backlogRows: o.BackstopInboxRows));
        Assert.True(o.StepBudget < o.IdleStepBudget && o.IdleStepBudget < o.BackstopStepBudget);
        // A backlog past the backstop makes each step larger even with appends waiting, so the mover outpaces arrivals.
        var waiting = MaintenanceStepSizer.Rows(150, MaintenanceStepSizer.Budget(o, true, 0), 10_000_000, o.MinStepRows, o.MoveStepRows, 50_000);
        var behind = MaintenanceStepSizer.Rows(150, MaintenanceStepSizer.Budget(o, true, 2_000_000), 10_000_000, o.MinStepRows, o.MoveStepRows, 50_000);
        Assert.True(behind > 5 * waiting, $"{behind} vs {waiting}");
    }

    [Fact]
    public void The_rate_is_an_average_that_one_slow_step_only_dents()
    {
        var r = MaintenanceStepSizer.Observe(0, 1_000, 10);    // first: 100 rows/ms
        Assert.Equal(100, r, 6);
        r = MaintenanceStepSizer.Observe(r, 1_000, 100);       // a step that met a checkpoint: 10 rows/ms
        Assert.Equal(73, r, 6);
        Assert.Equal(r, MaintenanceStepSizer.Observe(r, 0, 5)); // an empty step measures nothing
    }
}
