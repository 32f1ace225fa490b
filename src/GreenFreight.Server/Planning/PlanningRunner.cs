using System.Diagnostics;
using System.Text.Json;
using GreenFreight.Domain.Planning;
using GreenFreight.Planning;
using GreenFreight.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenFreight.Server.Planning;

/// <summary>
/// Runs queued planning jobs in the background. Several instances may run on one database: a job is claimed by a
/// conditional update (<c>Status = Queued</c> → <c>Running</c>, one row or none), the running instance writes a heartbeat
/// with the progress every <c>Planning:HeartbeatSeconds</c> and reads the cancel flag there; a job whose heartbeat is older
/// than <c>Planning:StaleAfterSeconds</c> (its instance died) is queued again. Cancelling keeps the best plan found so far.
/// </summary>
public sealed class PlanningRunner(IDbContextFactory<AppDbContext> dbFactory, IOptions<PlanningOptions> options, TimeProvider clock, ILogger<PlanningRunner> log) : BackgroundService
{
    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    PlanningOptions O => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RequeueStaleAsync(stoppingToken);
                if (await ClaimAsync(stoppingToken) is { } id) { await RunAsync(id, stoppingToken); continue; }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex) { log.LogWarning(ex, "Planning runner loop failed"); }
            try { await Task.Delay(TimeSpan.FromSeconds(O.PollSeconds), stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }

    long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Queues again the running jobs whose instance stopped sending heartbeats; a job that has already been claimed
    /// <see cref="PlanningOptions.MaxAttempts"/> times fails instead (it may be what kills its instances). Each change is audited.
    /// </summary>
    internal async Task RequeueStaleAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cutoff = NowMs - O.StaleAfterSeconds * 1000L;
        var stale = await db.PlanningJobs.AsNoTracking().Where(j => j.Status == PlanningJobStatus.Running && j.HeartbeatUnixMs < cutoff)
            .Select(j => new { j.Id, j.Attempts, j.ClaimedBy }).ToListAsync(ct);
        var max = Math.Max(1, O.MaxAttempts);
        foreach (var j in stale)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            int n;
            if (j.Attempts >= max)
            {
                var reason = $"规划任务已尝试 {j.Attempts} 次，运行实例均中断，不再重试 / The job was tried {j.Attempts} times and its instance stopped each time; not retried";
                var done = clock.GetUtcNow();
                n = await db.PlanningJobs.Where(x => x.Id == j.Id && x.Status == PlanningJobStatus.Running && x.HeartbeatUnixMs < cutoff)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, PlanningJobStatus.Failed).SetProperty(x => x.Error, reason)
                        .SetProperty(x => x.FinishedAt, done).SetProperty(x => x.ClaimedBy, (string?)null), ct);
                if (n == 1) await AuditAsync(db, j.Id, clock.GetUtcNow(), ct, ("Status", "Running", "Failed"), ("ClaimedBy", j.ClaimedBy, null), ("Error", null, reason));
            }
            else
            {
                n = await db.PlanningJobs.Where(x => x.Id == j.Id && x.Status == PlanningJobStatus.Running && x.HeartbeatUnixMs < cutoff)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, PlanningJobStatus.Queued).SetProperty(x => x.ClaimedBy, (string?)null), ct);
                if (n == 1) await AuditAsync(db, j.Id, clock.GetUtcNow(), ct, ("Status", "Running", "Queued"), ("ClaimedBy", j.ClaimedBy, null));
            }
            await tx.CommitAsync(ct);
            if (n == 1) log.LogWarning("Planning job {Id} stopped sending heartbeats after {Attempts} attempt(s): {Action}", j.Id, j.Attempts, j.Attempts >= max ? "failed" : "queued again");
        }
    }

    static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The audit row of a status change made by a conditional update (<c>ExecuteUpdate</c> bypasses the change tracker and so
    /// the audit interceptor): the same shape the interceptor writes, by "system".
    /// </summary>
    internal static async Task AuditAsync(AppDbContext db, int id, DateTimeOffset at, CancellationToken ct, params (string Property, object? Old, object? New)[] changes)
    {
        db.AuditEntries.Add(new Domain.Auditing.AuditEntry
        {
            At = at, UserName = string.IsNullOrWhiteSpace(db.AuditUser) ? "system" : db.AuditUser!, EntityType = nameof(PlanningJob),
            EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Action = Domain.Auditing.AuditAction.Updated,
            Changes = JsonSerializer.Serialize(changes.ToDictionary(c => c.Property, c => new { old = c.Old, @new = c.New }), AuditJson),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Claims the oldest queued job, or none when another instance was faster.</summary>
    public async Task<int?> ClaimAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.PlanningJobs.Where(j => j.Status == PlanningJobStatus.Queued).OrderBy(j => j.Id).Select(j => (int?)j.Id).FirstOrDefaultAsync(ct);
        if (id is null) return null;
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var me = InstanceId;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.PlanningJobs.Where(j => j.Id == id && j.Status == PlanningJobStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, PlanningJobStatus.Running).SetProperty(j => j.ClaimedBy, me)
                .SetProperty(j => j.HeartbeatUnixMs, nowMs).SetProperty(j => j.StartedAt, now).SetProperty(j => j.Attempts, j => j.Attempts + 1), ct);
        if (claimed == 1) await AuditAsync(db, id.Value, now, ct, ("Status", "Queued", "Running"), ("ClaimedBy", null, me));
        await tx.CommitAsync(ct);
        return claimed == 1 ? id : null;
    }

    internal async Task RunAsync(int id, CancellationToken stoppingToken)
    {
        PlanningJob? job;
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
            job = await db.PlanningJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, stoppingToken);
        if (job is null) return;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var me = InstanceId;
        ProgressDto? latest = null;
        var sw = Stopwatch.StartNew();
        var spec = JsonSerializer.Deserialize<PlanningSpec>(job.RequestJson, PlanningService.Json)!;
        var total = spec.TimeLimitSeconds * 1.5 + 1;
        var work = Task.Run(() => Solve(spec, job.ParentJobId, cts.Token, p => Volatile.Write(ref latest, p with { Fraction = Math.Min(0.99, sw.Elapsed.TotalSeconds / total) })), CancellationToken.None);
        var cancelled = false;
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(O.HeartbeatSeconds), CancellationToken.None));
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                var progress = Volatile.Read(ref latest) is { } p ? JsonSerializer.Serialize(p, PlanningService.Json) : null;
                var nowMs = NowMs;
                await db.PlanningJobs.Where(j => j.Id == id && j.ClaimedBy == me)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatUnixMs, nowMs).SetProperty(j => j.ProgressJson, progress), CancellationToken.None);
                if (!cancelled && await db.PlanningJobs.AnyAsync(j => j.Id == id && j.CancelRequested, CancellationToken.None)) { cancelled = true; await cts.CancelAsync(); }
            }
            catch (Exception ex) when (ex is not OperationCanceledException) { log.LogWarning(ex, "Planning heartbeat of job {Id} failed", id); }
        }
        string? result = null, error = null;
        var status = PlanningJobStatus.Completed;
        try
        {
            var r = await work;
            result = JsonSerializer.Serialize(r, PlanningService.Json);
            if (r.Cancelled) status = PlanningJobStatus.Cancelled;
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Planning job {Id} failed", id);
            status = PlanningJobStatus.Failed;
            error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
        }
        if (stoppingToken.IsCancellationRequested && !cancelled) return;   // shutting down: another instance takes the job over
        var done = clock.GetUtcNow();
        var last = Volatile.Read(ref latest) is { } lp ? JsonSerializer.Serialize(lp with { Fraction = 1 }, PlanningService.Json) : null;
        await using var db2 = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await using var tx = await db2.Database.BeginTransactionAsync(CancellationToken.None);
        var n = await db2.PlanningJobs.Where(j => j.Id == id && j.ClaimedBy == me)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, status).SetProperty(j => j.ResultJson, result).SetProperty(j => j.Error, error)
                .SetProperty(j => j.FinishedAt, done).SetProperty(j => j.ProgressJson, last), CancellationToken.None);
        if (n == 1) await AuditAsync(db2, id, done, CancellationToken.None, ("Status", "Running", status.ToString()), ("Error", null, error));
        await tx.CommitAsync(CancellationToken.None);
    }

    PlanResultDto Solve(PlanningSpec spec, int? parentId, CancellationToken ct, Action<ProgressDto> progress)
    {
        var o = O;
        var built = PlanningService.Build(spec, o);
        PlanResultDto? previous = null;
        if (parentId is { } pid)
        {
            using var db = dbFactory.CreateDbContext();
            var pj = db.PlanningJobs.AsNoTracking().Where(j => j.Id == pid).Select(j => j.ResultJson).FirstOrDefault();
            if (pj is not null) previous = JsonSerializer.Deserialize<PlanResultDto>(pj, PlanningService.Json);
        }
        var res = Solver.Solve(built.Problem, new SolverOptions
        {
            TimeLimit = TimeSpan.FromSeconds(spec.TimeLimitSeconds), Seed = 1, InitialSolution = built.Initial,
            Progress = p => progress(new ProgressDto("consolidated", p.Elapsed.TotalSeconds, p.Iterations, p.Vehicles, Math.Round(p.Distance, 2), Math.Round(p.Cost, 2), p.Feasible, 0)),
        }, ct);
        var cancelled = res.Cancelled;
        var routes = PlanningService.Routes(built, res.Best, spec, previous);
        var plan = PlanningService.Summary(routes.Select(r => (Enum.Parse<Domain.Registry.EnergyType>(r.Energy), r.DistanceKm, r.Hours)), res.Best.Feasible, o);
        progress(new ProgressDto("baseline", res.Elapsed.TotalSeconds, res.Iterations, res.Best.Vehicles, Math.Round(res.Best.Distance, 2), Math.Round(res.Best.Cost, 2), res.Best.Feasible, 0));
        var shippers = Math.Max(1, spec.Stops.Select(s => s.Shipper).Distinct().Count());
        var per = cancelled ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(Math.Max(0.5, spec.TimeLimitSeconds * 0.5 / shippers));
        // The baseline is a comparison only: when it cannot be built or solved, the plan is kept and the baseline reported unavailable.
        PlanSummaryDto? baseline = null;
        List<ShipperBaselineDto> byShipper = [];
        string? baselineError = null;
        try { (baseline, byShipper) = PlanningService.Baseline(spec, o, per, cancelled ? 2000 : null, CancellationToken.None); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Baseline of planning job {Name} unavailable", spec.Name);
            baselineError = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
        }
        var changed = new List<string>();
        if (previous is not null)
        {
            changed.AddRange(routes.Where(r => r.Changed).Select(r => r.RouteId));
            changed.AddRange(previous.Routes.Where(p => routes.All(r => r.RouteId != p.RouteId)).Select(p => p.RouteId));
        }
        var unassigned = res.Best.Unassigned.Select(u => built.Problem.ClientAt(u).Id).ToList();
        return new PlanResultDto(plan, routes, unassigned, baseline, byShipper, PlanningService.Factors(o), o.FixedCostPerVehicle, o.DriverCostPerHour,
            cancelled, res.Iterations, Math.Round(res.Elapsed.TotalSeconds, 2), changed, baselineError);
    }
}
