namespace GreenFreight.Server.Tracking;

/// <summary>What one background step of <see cref="SqlitePositionStore"/> did (for tests and diagnostics).</summary>
/// <param name="Kind">"move" (inbox rows copied into track_points) or "delete" (moved rows removed from the inbox).</param>
/// <param name="Rows">Rows the transaction wrote.</param>
/// <param name="Limit">Rows the sizer allowed (a move may exceed it only to finish the vehicle it is in).</param>
/// <param name="RowsPerMs">The measured rate the limit was computed from (0: none measured yet).</param>
/// <param name="Budget">The time budget the limit was computed for.</param>
/// <param name="AppendsWaiting">Whether acknowledged batches were waiting when the step was sized.</param>
/// <param name="ElapsedMs">How long the transaction held the writer, commit included.</param>
public readonly record struct MaintenanceStep(string Kind, int Rows, int Limit, double RowsPerMs, TimeSpan Budget, bool AppendsWaiting, double ElapsedMs);

/// <summary>
/// Sizes the background transactions of the SQLite position store by time instead of by a fixed row count: each step
/// writes as many rows as the rate measured on the previous steps fits into a budget of a few milliseconds, so an
/// acknowledgement queued behind it waits at most about that long. Pure functions.
/// </summary>
public static class MaintenanceStepSizer
{
    /// <summary>
    /// The budget of the next step: short while acknowledgements wait, longer when none do (so the mover catches up in
    /// quiet moments), longest once the inbox passes the backstop (so it cannot grow without bound under sustained load).
    /// </summary>
    public static TimeSpan Budget(SqliteStoreOptions o, bool appendsWaiting, long backlogRows) =>
        backlogRows >= o.BackstopInboxRows ? Max(o.BackstopStepBudget, appendsWaiting ? o.StepBudget : o.IdleStepBudget)
        : appendsWaiting ? o.StepBudget : o.IdleStepBudget;

    static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// Rows for the next step: the measured rate times the budget, at least <paramref name="minRows"/>, at most
    /// <paramref name="maxRows"/>, at most twice the previous step (a rate measured on small steps can overstate large
    /// ones) and never more than remain. Without a measurement yet, <paramref name="minRows"/>.
    /// </summary>
    public static int Rows(double rowsPerMs, TimeSpan budget, long remaining, int minRows, int maxRows, int previousRows)
    {
        if (remaining <= 0) return 0;
        maxRows = Math.Max(1, maxRows);
        minRows = Math.Clamp(minRows, 1, maxRows);
        double n = double.IsFinite(rowsPerMs) && rowsPerMs > 0 ? rowsPerMs * budget.TotalMilliseconds : minRows;
        if (previousRows > 0) n = Math.Min(n, 2.0 * previousRows);
        var rows = (long)Math.Clamp(n, minRows, maxRows);
        return (int)Math.Min(rows, remaining);
    }

    /// <summary>
    /// The rate estimate after a step of <paramref name="rows"/> rows that took <paramref name="elapsedMs"/>: an
    /// exponential average (a single slow step, e.g. one that met a checkpoint, only shrinks the next steps somewhat).
    /// </summary>
    public static double Observe(double previous, int rows, double elapsedMs)
    {
        if (rows <= 0 || !double.IsFinite(elapsedMs) || elapsedMs < 0) return previous;
        var rate = rows / Math.Max(elapsedMs, 0.01);
        return previous > 0 ? 0.7 * previous + 0.3 * rate : rate;
    }
}
