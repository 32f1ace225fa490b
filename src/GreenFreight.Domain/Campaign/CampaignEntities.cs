using GreenFreight.Domain.Registry;

namespace GreenFreight.Domain.Campaign;

/// <summary>A campaign (创建工作), e.g. the 2022-10 to 2025-09 creation period of the seed work plan.</summary>
public sealed class Campaign : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Document number of the plan (文号), e.g. 临政办字〔2023〕25号.</summary>
    public string? DocumentNumber { get; set; }
    /// <summary>The plan's goal text (工作目标).</summary>
    public string? Goal { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    /// <summary>Later end date for the post-acceptance years (re-evaluation every three years); null = not extended.</summary>
    public DateOnly? ExtendedTo { get; set; }
    /// <summary>A quarterly report is due this many days after it opens on the quarter's first day, counting that day (7 = the first week).</summary>
    public int ReportDueDays { get; set; } = 7;
    /// <summary>Reminders go out this many days before the due date.</summary>
    public int ReminderDaysBefore { get; set; } = 2;
    public bool IsActive { get; set; } = true;
    public List<CampaignTask> Tasks { get; set; } = [];
    public List<CampaignMember> Members { get; set; } = [];

    /// <summary>The last day work is reported on (extended end, or end).</summary>
    public DateOnly EffectiveEnd => ExtendedTo is { } e && e > EndsOn ? e : EndsOn;
}

/// <summary>A unit taking part in a campaign with its duties (the annex's 成员单位职责); members file quarterly reports.</summary>
public sealed class CampaignMember : IAudited
{
    public int Id { get; set; }
    public int CampaignId { get; set; }
    public int UnitId { get; set; }
    public OrgUnit? Unit { get; set; }
    public string Duties { get; set; } = "";
    public int SortOrder { get; set; }
}

/// <summary>A key task (重点任务, ParentId null) or one of its sub-items.</summary>
public sealed class CampaignTask : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int CampaignId { get; set; }
    public int? ParentId { get; set; }
    /// <summary>Number as written, e.g. （一） or 1．</summary>
    public string Number { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>The task's text as written in the plan (without the unit bracket).</summary>
    public string Content { get; set; } = "";
    /// <summary>The unit bracket as written, e.g. （牵头单位：区发改局；责任单位：…）.</summary>
    public string? UnitsText { get; set; }
    /// <summary>The target sentence where the plan names one, e.g. 到创建期末，统筹布局10个末端共同配送站…</summary>
    public string? TargetText { get; set; }
    public int? TargetIndicatorId { get; set; }
    public DateOnly? DueOn { get; set; }
    public int SortOrder { get; set; }
    public List<CampaignTaskUnit> Units { get; set; } = [];
}

public enum TaskUnitRole
{
    /// <summary>牵头单位 (also units that are 按职责分工负责 jointly).</summary>
    Lead,
    /// <summary>责任单位.</summary>
    Responsible,
}

public sealed class CampaignTaskUnit
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public int UnitId { get; set; }
    public OrgUnit? Unit { get; set; }
    public TaskUnitRole Role { get; set; }
}

public enum ReportStatus
{
    Draft,
    Submitted,
    Returned,
    Resubmitted,
    Accepted,
}

/// <summary>A member unit's quarterly work report (季度工作开展情况表) about one quarter.</summary>
public sealed class QuarterlyReport : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int CampaignId { get; set; }
    public int UnitId { get; set; }
    public OrgUnit? Unit { get; set; }
    /// <summary>The quarter reported on.</summary>
    public int Year { get; set; }
    public int Quarter { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly DueOn { get; set; }
    public ReportStatus Status { get; set; }
    public string? Problems { get; set; }
    public string? NextPlan { get; set; }
    public DateTimeOffset? FirstSubmittedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public string? ReturnComment { get; set; }
    public List<ReportTaskProgress> Progress { get; set; } = [];
    public List<ReportIndicatorValue> IndicatorValues { get; set; } = [];
    public List<ReportEvent> Events { get; set; } = [];
}

public enum TaskProgressStatus
{
    NotStarted,
    InProgress,
    Completed,
    Behind,
}

public sealed class ReportTaskProgress
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public int TaskId { get; set; }
    public TaskProgressStatus Status { get; set; }
    public int Percent { get; set; }
    public string? Narrative { get; set; }
}

/// <summary>A manual indicator value reported with the report; stored as an indicator entry (with its evidence) when submitted.</summary>
public sealed class ReportIndicatorValue
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public int DefinitionId { get; set; }
    public decimal? Value { get; set; }
    public string? Checked { get; set; }
    public string? Description { get; set; }
    /// <summary>The indicator entry written on submission (evidence attachments hang on it).</summary>
    public int? EntryId { get; set; }
}

public sealed class ReportEvent
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
    public ReportStatus From { get; set; }
    public ReportStatus To { get; set; }
    public string? Comment { get; set; }
}

public enum CircularStatus
{
    Draft,
    Published,
}

public enum CircularSectionKind
{
    Overall,
    Unit,
    Indicators,
    Late,
    Closing,
}

/// <summary>A half-year circular (半年通报).</summary>
public sealed class Circular : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int CampaignId { get; set; }
    public int Year { get; set; }
    /// <summary>1 = first half (Q1–Q2), 2 = second half (Q3–Q4).</summary>
    public int Half { get; set; }
    public string Title { get; set; } = "";
    public string DocumentNumber { get; set; } = "";
    public string Issuer { get; set; } = "";
    public DateOnly IssuedOn { get; set; }
    public CircularStatus Status { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public List<CircularSection> Sections { get; set; } = [];
    public List<CircularIndicatorRow> IndicatorRows { get; set; } = [];
}

public sealed class CircularSection
{
    public int Id { get; set; }
    public int CircularId { get; set; }
    public int SortOrder { get; set; }
    public CircularSectionKind Kind { get; set; }
    public int? UnitId { get; set; }
    public string Heading { get; set; } = "";
    public string Body { get; set; } = "";
}

/// <summary>An indicator's value as of the half-year's last day, frozen when the circular is generated.</summary>
public sealed class CircularIndicatorRow
{
    public int Id { get; set; }
    public int CircularId { get; set; }
    public int SortOrder { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public string Target { get; set; } = "";
    public string Met { get; set; } = "";
}

/// <summary>An in-app notification for one user.</summary>
public sealed class Notification
{
    public int Id { get; set; }
    public string UserName { get; set; } = "";
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    /// <summary>Key that stops the same reminder going out twice (unique per user).</summary>
    public string? DedupKey { get; set; }
}

/// <summary>Channel of an <see cref="OutboundMessage"/>.</summary>
public enum OutboundChannel
{
    Email,
    Sms,
}

/// <summary>
/// A notification to be delivered outside the platform (e-mail, SMS): written with the in-app notification, sent by a
/// background dispatcher that retries with back-off, so a slow or failing mail server never fails the request that
/// caused the notification, and any instance behind the load balancer may send it (claimed by a lease).
/// </summary>
public sealed class OutboundMessage
{
    public long Id { get; set; }
    public OutboundChannel Channel { get; set; }
    public string UserName { get; set; } = "";
    /// <summary>E-mail address or mobile number, as it was when the message was written.</summary>
    public string Address { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public string? DedupKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>Unix ms before which no attempt is made (back-off after a failure).</summary>
    public long NextAttemptMs { get; set; }
    /// <summary>Unix ms until which the instance in <see cref="ClaimedBy"/> holds it.</summary>
    public long ClaimedUntilMs { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Given up after the last attempt (see <see cref="LastError"/>).</summary>
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }
}
