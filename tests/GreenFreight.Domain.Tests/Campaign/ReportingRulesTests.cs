using GreenFreight.Domain.Campaign;
using GreenFreight.Domain.Seed;

namespace GreenFreight.Domain.Tests.Campaigns;

public class ReportingRulesTests
{
    static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public void Q4_2024_report_opens_on_new_year_and_is_due_a_week_later()
    {
        var q = new QuarterId(2024, 4);
        Assert.Equal(new DateOnly(2025, 1, 1), ReportingPeriods.OpensOn(q));
        Assert.Equal(new DateOnly(2025, 1, 7), ReportingPeriods.DueOn(q, 7));
        Assert.Equal(new DateOnly(2025, 1, 3), ReportingPeriods.DueOn(q, 3));
        Assert.Equal(new QuarterId(2024, 4), ReportingPeriods.ReportedQuarterOn(new DateOnly(2025, 1, 1)));
        Assert.Equal(new QuarterId(2025, 1), ReportingPeriods.ReportedQuarterOn(new DateOnly(2025, 4, 1)));
        Assert.Equal(new QuarterId(2025, 1), ReportingPeriods.ReportedQuarterOn(new DateOnly(2025, 6, 30)));
        Assert.Equal(new DateOnly(2024, 12, 31), q.LastDay);
        Assert.Equal(new DateOnly(2024, 7, 1), ReportingPeriods.OpensOn(new QuarterId(2024, 2)));
    }

    [Fact]
    public void Overdue_is_decided_in_China_time()
    {
        var due = new DateOnly(2025, 1, 7);
        // 2025-01-07 23:30 in China is 15:30 UTC: still on time.
        Assert.False(ReportingPeriods.IsOverdue(ReportStatus.Draft, due, new DateTimeOffset(2025, 1, 7, 15, 30, 0, TimeSpan.Zero)));
        // 2025-01-07 16:30 UTC is 2025-01-08 00:30 in China: late, although UTC still says the 7th.
        Assert.True(ReportingPeriods.IsOverdue(ReportStatus.Draft, due, new DateTimeOffset(2025, 1, 7, 16, 30, 0, TimeSpan.Zero)));
        Assert.True(ReportingPeriods.IsOverdue(ReportStatus.Returned, due, new DateTimeOffset(2025, 1, 8, 9, 0, 0, China)));
        Assert.False(ReportingPeriods.IsOverdue(ReportStatus.Submitted, due, new DateTimeOffset(2025, 1, 9, 9, 0, 0, China)));
        Assert.False(ReportingPeriods.IsOverdue(ReportStatus.Accepted, due, new DateTimeOffset(2025, 2, 1, 9, 0, 0, China)));
        Assert.True(ReportingPeriods.WasOnTime(new DateTimeOffset(2025, 1, 7, 23, 59, 0, China), due));
        Assert.False(ReportingPeriods.WasOnTime(new DateTimeOffset(2025, 1, 8, 0, 1, 0, China), due));
        Assert.False(ReportingPeriods.WasOnTime(null, due));
    }

    [Fact]
    public void Reminders_go_out_in_the_days_before_the_deadline_only()
    {
        var due = new DateOnly(2025, 1, 7);
        Assert.False(ReportingPeriods.NeedsReminder(ReportStatus.Draft, due, 2, new DateTimeOffset(2025, 1, 4, 9, 0, 0, China)));
        Assert.True(ReportingPeriods.NeedsReminder(ReportStatus.Draft, due, 2, new DateTimeOffset(2025, 1, 5, 9, 0, 0, China)));
        Assert.True(ReportingPeriods.NeedsReminder(ReportStatus.Returned, due, 2, new DateTimeOffset(2025, 1, 7, 9, 0, 0, China)));
        Assert.False(ReportingPeriods.NeedsReminder(ReportStatus.Draft, due, 2, new DateTimeOffset(2025, 1, 8, 9, 0, 0, China)));
        Assert.False(ReportingPeriods.NeedsReminder(ReportStatus.Submitted, due, 2, new DateTimeOffset(2025, 1, 6, 9, 0, 0, China)));
    }

    [Fact]
    public void Opened_quarters_cover_the_creation_period_and_its_extension()
    {
        var quarters = ReportingPeriods.OpenedQuarters(CampaignSeed.StartsOn, CampaignSeed.EndsOn, new DateOnly(2026, 12, 2)).ToList();
        Assert.Equal(new QuarterId(2022, 4), quarters[0]);
        Assert.Equal(new QuarterId(2025, 3), quarters[^1]);
        Assert.Equal(12, quarters.Count);
        Assert.Empty(ReportingPeriods.OpenedQuarters(CampaignSeed.StartsOn, CampaignSeed.EndsOn, new DateOnly(2022, 12, 31)));
        Assert.Equal([new QuarterId(2022, 4)], ReportingPeriods.OpenedQuarters(CampaignSeed.StartsOn, CampaignSeed.EndsOn, new DateOnly(2023, 1, 1)));
        var extended = ReportingPeriods.OpenedQuarters(CampaignSeed.StartsOn, new DateOnly(2028, 9, 30), new DateOnly(2026, 12, 2)).ToList();
        Assert.Equal(new QuarterId(2026, 3), extended[^1]);
        var (first, second, last) = ReportingPeriods.HalfYear(2024, 2);
        Assert.Equal((new QuarterId(2024, 3), new QuarterId(2024, 4), new DateOnly(2024, 12, 31)), (first, second, last));
    }

    [Theory]
    [InlineData(ReportStatus.Draft, ReportAction.Submit, ReportStatus.Submitted)]
    [InlineData(ReportStatus.Submitted, ReportAction.Return, ReportStatus.Returned)]
    [InlineData(ReportStatus.Returned, ReportAction.Submit, ReportStatus.Resubmitted)]
    [InlineData(ReportStatus.Resubmitted, ReportAction.Accept, ReportStatus.Accepted)]
    [InlineData(ReportStatus.Submitted, ReportAction.Accept, ReportStatus.Accepted)]
    [InlineData(ReportStatus.Resubmitted, ReportAction.Return, ReportStatus.Returned)]
    public void Legal_transitions(ReportStatus from, ReportAction action, ReportStatus to) => Assert.Equal(to, ReportWorkflow.Next(from, action));

    [Theory]
    [InlineData(ReportStatus.Draft, ReportAction.Accept)]
    [InlineData(ReportStatus.Draft, ReportAction.Return)]
    [InlineData(ReportStatus.Submitted, ReportAction.Submit)]
    [InlineData(ReportStatus.Returned, ReportAction.Accept)]
    [InlineData(ReportStatus.Returned, ReportAction.Return)]
    [InlineData(ReportStatus.Accepted, ReportAction.Submit)]
    [InlineData(ReportStatus.Accepted, ReportAction.Return)]
    [InlineData(ReportStatus.Accepted, ReportAction.Accept)]
    public void Illegal_transitions_are_refused(ReportStatus from, ReportAction action) => Assert.Null(ReportWorkflow.Next(from, action));
}

public class CampaignSeedTests
{
    [Fact]
    public void Seven_key_tasks_and_their_sub_items_as_written()
    {
        var keys = CampaignSeed.Tasks.Where(t => t.KeyTask is null).Select(t => t.Title).ToList();
        Assert.Equal(["规划建设城市货运配送枢纽设施", "加快新能源城市配送车辆推广使用", "强化城市配送车辆通行支持", "加快城市绿色配送信息化建设",
            "创新发展城市货运配送组织模式", "强化绿色货运配送运输市场管理", "建立发展保障机制"], keys);
        Assert.Equal([3, 0, 3, 2, 2, 3, 0], Enumerable.Range(0, 7).Select(k => CampaignSeed.Tasks.Count(t => t.KeyTask == k)));
        var seedText = File.ReadAllText(Directory.GetFiles(SharedData.PathOf("seed"), "*.txt").Single());
        foreach (var t in CampaignSeed.Tasks)
        {
            Assert.Contains(t.Title, seedText);
            Assert.Contains(t.Content, seedText);
            if (t.UnitsText is not null) Assert.Contains(t.UnitsText, seedText);
        }
        foreach (var target in CampaignSeed.Targets.Values) Assert.Contains(target.Text, seedText);
    }

    [Fact]
    public void Unit_brackets_give_leads_and_responsible_units()
    {
        var hub = CampaignSeed.ParseUnits("（牵头单位；区发改局、区交通运输局，责任单位：区商务局）");
        Assert.Equal([new TaskUnitRef("区发改局", TaskUnitRole.Lead), new TaskUnitRef("区交通运输局", TaskUnitRole.Lead), new TaskUnitRef("区商务局", TaskUnitRole.Responsible)], hub);
        var nev = CampaignSeed.ParseUnits(CampaignSeed.Tasks.Single(t => t.Number == "（二）").UnitsText);
        Assert.Equal(TaskUnitRole.Lead, nev.Single(u => u.Name == "区交通运输局").Role);
        Assert.Equal(11, nev.Count);
        var express = CampaignSeed.ParseUnits("（牵头单位：区交通运输局；责任单位：临淄交警大队、区综合执法局，各镇、街道）");
        Assert.Contains(new TaskUnitRef(CampaignSeed.TownsAndStreets, TaskUnitRole.Responsible), express);
        Assert.Equal(4, express.Count);
        var joint = CampaignSeed.ParseUnits("（区财政局、临淄交警大队、区交通运输局、区商务局按职责分工负责）");
        Assert.All(joint, u => Assert.Equal(TaskUnitRole.Lead, u.Role));
        Assert.Equal(["区财政局", "临淄交警大队", "区交通运输局", "区商务局"], joint.Select(u => u.Name));
        var names = OrgUnitSeed.All().Select(u => u.Name).ToHashSet();
        foreach (var t in CampaignSeed.Tasks)
            foreach (var u in CampaignSeed.ParseUnits(t.UnitsText).Where(u => u.Name != CampaignSeed.TownsAndStreets))
                Assert.Contains(u.Name, names);
    }
}

public class TaskOrderingTests
{
    /// <summary>The plan's tasks as the seeding stores them: IDs and sort orders 1, 2, 3 … in the plan's order.</summary>
    static List<CampaignTask> PlanTasks()
    {
        var keys = new List<CampaignTask>();
        var all = new List<CampaignTask>();
        foreach (var row in CampaignSeed.Tasks)
        {
            var t = new CampaignTask { Id = all.Count + 1, SortOrder = all.Count + 1, Number = row.Number, Title = row.Title, ParentId = row.KeyTask is { } k ? keys[k].Id : null };
            if (row.KeyTask is null) keys.Add(t);
            all.Add(t);
        }
        return all;
    }

    [Fact]
    public void The_seeded_plan_keeps_its_order()
    {
        var tasks = PlanTasks();
        Assert.Equal(tasks.Select(t => t.Id), TaskOrdering.Ordered(tasks.AsEnumerable().Reverse()).Select(t => t.Id));
    }

    [Fact]
    public void A_sub_item_added_later_is_listed_under_its_key_task()
    {
        var tasks = PlanTasks();
        var first = tasks.First(t => t.ParentId is null);
        var second = tasks.Where(t => t.ParentId is null).Skip(1).First();
        var added = new CampaignTask { Id = 1000, SortOrder = tasks.Max(t => t.SortOrder) + 1, ParentId = first.Id, Number = "9．", Title = "新增子项" };
        var ordered = TaskOrdering.Ordered(tasks.Append(added)).Select(t => t.Id).ToList();
        // After (一)'s own sub-items, before (二).
        Assert.Equal(ordered.IndexOf(second.Id) - 1, ordered.IndexOf(added.Id));
        Assert.Equal(tasks.Where(t => t.ParentId == first.Id).Max(t => ordered.IndexOf(t.Id)) + 1, ordered.IndexOf(added.Id));
        // A new key task goes last; a sub-item whose key task is not in the list stands on its own.
        var key = new CampaignTask { Id = 1001, SortOrder = added.SortOrder + 1, Title = "新增重点任务" };
        Assert.Equal(1001, TaskOrdering.Ordered(tasks.Append(added).Append(key)).Last().Id);
        var orphan = new CampaignTask { Id = 1002, SortOrder = 0, ParentId = 5000, Title = "无上级" };
        Assert.Equal(1002, TaskOrdering.Ordered(tasks.Append(orphan)).First().Id);
    }
}
