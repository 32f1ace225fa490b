using GreenFreight.Domain.Registry;

namespace GreenFreight.Domain.Planning;

public enum PlanningJobStatus
{
    Queued,
    Running,
    Completed,
    Cancelled,
    Failed,
}

/// <summary>
/// A route-planning job (共同配送路径规划): the resolved problem as JSON (stops, fleet, depot, access windows), run in the
/// background by whichever instance claims it, with its progress and result (JSON). Enterprise jobs belong to the enterprise.
/// </summary>
public sealed class PlanningJob : IAudited, IEnterpriseOwned
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The enterprise whose job it is (enterprise users), or null for the office's jobs.</summary>
    public int? EnterpriseId { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public PlanningJobStatus Status { get; set; }
    public bool CancelRequested { get; set; }
    /// <summary>The resolved problem (PlanningSpec JSON).</summary>
    public string RequestJson { get; set; } = "";
    public string? ResultJson { get; set; }
    /// <summary>Latest solver progress (JSON), written with the heartbeat.</summary>
    public string? ProgressJson { get; set; }
    public string? Error { get; set; }
    /// <summary>The job this one re-plans, or null.</summary>
    public int? ParentJobId { get; set; }
    public int TimeLimitSeconds { get; set; }
    /// <summary>The instance running it.</summary>
    public string? ClaimedBy { get; set; }
    /// <summary>Last heartbeat of the running instance (Unix milliseconds; compared in SQL on both providers).</summary>
    public long HeartbeatUnixMs { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int Attempts { get; set; }

    int? IEnterpriseOwned.OwnerEnterpriseId => EnterpriseId;

    public bool IsFinished => Status is PlanningJobStatus.Completed or PlanningJobStatus.Cancelled or PlanningJobStatus.Failed;
}
