using GreenFreight.Domain.Registry;

namespace GreenFreight.Domain.Campaign;

public enum ActionItemStatus
{
    Open,
    Done,
}

/// <summary>
/// A leading-group meeting (领导小组会议; the work plan asks for one every half year): date, attendance, agenda and
/// minutes (会议纪要). Its decisions become <see cref="ActionItem"/>s tracked to an owner unit.
/// </summary>
public sealed class Meeting : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public string Title { get; set; } = "";
    public DateOnly Date { get; set; }
    public string? Location { get; set; }
    public string Agenda { get; set; } = "";
    public string? Minutes { get; set; }
    /// <summary>When the office published the minutes to the units; null while a draft.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public List<MeetingAttendance> Attendance { get; set; } = [];
    public List<ActionItem> ActionItems { get; set; } = [];
}

/// <summary>Whether a unit was present at a meeting, and who came.</summary>
public sealed class MeetingAttendance : IAudited
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int UnitId { get; set; }
    public bool Present { get; set; }
    public string? Representative { get; set; }
}

/// <summary>A decision of a meeting to be carried out by its owner unit by its due date.</summary>
public sealed class ActionItem : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int MeetingId { get; set; }
    public string Decision { get; set; } = "";
    public int OwnerUnitId { get; set; }
    public DateOnly DueDate { get; set; }
    public ActionItemStatus Status { get; set; }
    /// <summary>The owner unit's progress note.</summary>
    public string? Progress { get; set; }
    public DateOnly? DoneOn { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>Still open after its due date (dates in China time).</summary>
    public bool IsOverdue(DateOnly today) => Status == ActionItemStatus.Open && today > DueDate;
}
