namespace GreenFreight.Domain.Campaign;

/// <summary>A calendar quarter.</summary>
public readonly record struct QuarterId(int Year, int Quarter)
{
    public DateOnly FirstDay => new(Year, (Quarter - 1) * 3 + 1, 1);
    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);
    public QuarterId Next => Quarter == 4 ? new(Year + 1, 1) : new(Year, Quarter + 1);
    public QuarterId Previous => Quarter == 1 ? new(Year - 1, 4) : new(Year, Quarter - 1);
    public static QuarterId Of(DateOnly d) => new(d.Year, (d.Month - 1) / 3 + 1);
    public override string ToString() => $"{Year}年第{Quarter}季度";
}

/// <summary>When a quarterly report opens, is due and is late ("每季度的第一周内报送上一季度的工作开展情况表").</summary>
public static class ReportingPeriods
{
    /// <summary>The report about <paramref name="q"/> opens on the next quarter's first day.</summary>
    public static DateOnly OpensOn(QuarterId q) => q.Next.FirstDay;

    /// <summary>Due on the last of <paramref name="dueDays"/> days counted from the opening day (7 = the first week).</summary>
    public static DateOnly DueOn(QuarterId q, int dueDays) => OpensOn(q).AddDays(Math.Max(1, dueDays) - 1);

    /// <summary>The quarter whose report is open on <paramref name="today"/> (the previous quarter).</summary>
    public static QuarterId ReportedQuarterOn(DateOnly today) => QuarterId.Of(today).Previous;

    /// <summary>
    /// The quarters a campaign reports on whose report has opened by <paramref name="today"/>: every quarter that overlaps
    /// the campaign from its start to its effective end.
    /// </summary>
    public static IEnumerable<QuarterId> OpenedQuarters(DateOnly start, DateOnly end, DateOnly today)
    {
        for (var q = QuarterId.Of(start); q.FirstDay <= end && OpensOn(q) <= today; q = q.Next)
            yield return q;
    }

    /// <summary>Late: not handed in (draft or returned) after the end of the due day in China.</summary>
    public static bool IsOverdue(ReportStatus status, DateOnly dueOn, DateTimeOffset now) =>
        status is ReportStatus.Draft or ReportStatus.Returned && ChinaTime.DateOf(now) > dueOn;

    /// <summary>Whether a reminder is due: still to hand in, within <paramref name="daysBefore"/> days of the due date and not late.</summary>
    public static bool NeedsReminder(ReportStatus status, DateOnly dueOn, int daysBefore, DateTimeOffset now)
    {
        var today = ChinaTime.DateOf(now);
        return status is ReportStatus.Draft or ReportStatus.Returned && today <= dueOn && today >= dueOn.AddDays(-Math.Max(0, daysBefore));
    }

    /// <summary>Punctual: first handed in on or before the due day (China time).</summary>
    public static bool WasOnTime(DateTimeOffset? firstSubmittedAt, DateOnly dueOn) =>
        firstSubmittedAt is { } at && ChinaTime.DateOf(at) <= dueOn;

    /// <summary>The quarters of a half-year (1 = Q1–Q2, 2 = Q3–Q4) and its last day.</summary>
    public static (QuarterId First, QuarterId Second, DateOnly LastDay) HalfYear(int year, int half) =>
        half == 1 ? (new(year, 1), new(year, 2), new DateOnly(year, 6, 30)) : (new(year, 3), new(year, 4), new DateOnly(year, 12, 31));
}

public enum ReportAction
{
    Submit,
    Return,
    Accept,
}

/// <summary>draft → submitted → returned with comments → resubmitted → accepted.</summary>
public static class ReportWorkflow
{
    /// <summary>The state after <paramref name="action"/>, or null when the action is not allowed in <paramref name="from"/>.</summary>
    public static ReportStatus? Next(ReportStatus from, ReportAction action) => (from, action) switch
    {
        (ReportStatus.Draft, ReportAction.Submit) => ReportStatus.Submitted,
        (ReportStatus.Returned, ReportAction.Submit) => ReportStatus.Resubmitted,
        (ReportStatus.Submitted or ReportStatus.Resubmitted, ReportAction.Return) => ReportStatus.Returned,
        (ReportStatus.Submitted or ReportStatus.Resubmitted, ReportAction.Accept) => ReportStatus.Accepted,
        _ => null,
    };

    /// <summary>The unit may edit its report while it is a draft or returned to it.</summary>
    public static bool UnitMayEdit(ReportStatus s) => s is ReportStatus.Draft or ReportStatus.Returned;
}

/// <summary>
/// The plan's order of tasks: each key task (by <see cref="CampaignTask.SortOrder"/>) followed by its sub-items (by theirs),
/// so a sub-item added later is listed under its key task, not after the last one. A sub-item whose key task is not among
/// the tasks given is placed as a key task.
/// </summary>
public static class TaskOrdering
{
    /// <summary>Position of each task ID (0, 1, 2 …) in the plan's order.</summary>
    public static Dictionary<int, int> Ranks(IEnumerable<CampaignTask> tasks)
    {
        var list = tasks.ToList();
        var ids = list.Select(t => t.Id).ToHashSet();
        bool Top(CampaignTask t) => t.ParentId is not { } p || !ids.Contains(p);
        var children = list.Where(t => !Top(t)).ToLookup(t => t.ParentId!.Value);
        var ranks = new Dictionary<int, int>();
        foreach (var top in list.Where(Top).OrderBy(t => t.SortOrder).ThenBy(t => t.Id))
        {
            ranks[top.Id] = ranks.Count;
            foreach (var c in children[top.Id].OrderBy(t => t.SortOrder).ThenBy(t => t.Id)) ranks[c.Id] = ranks.Count;
        }
        return ranks;
    }

    /// <summary><paramref name="tasks"/> in the plan's order.</summary>
    public static List<CampaignTask> Ordered(IEnumerable<CampaignTask> tasks)
    {
        var list = tasks.ToList();
        var ranks = Ranks(list);
        return list.OrderBy(t => ranks[t.Id]).ToList();
    }
}
