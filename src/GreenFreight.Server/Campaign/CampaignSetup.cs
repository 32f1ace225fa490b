using GreenFreight.Domain.Campaign;
using GreenFreight.Domain.Registry;
using GreenFreight.Domain.Seed;
using GreenFreight.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Campaigns;

/// <summary>Seeds the plan's campaign, tasks and members on a new database (like the units and indicators).</summary>
public static class CampaignSetup
{
    public static async Task SeedAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.Campaigns.AnyAsync(ct)) return;
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var byName = units.ToDictionary(u => u.Name);
        var towns = units.Where(u => u.Kind == UnitKind.TownOrStreet).ToList();
        var indicators = await db.IndicatorDefinitions.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Id, ct);

        var campaign = CampaignSeed.Campaign();
        var order = 0;
        foreach (var u in units.Where(u => u.Kind != UnitKind.LeadingGroupOffice).OrderBy(u => u.SortOrder))
            campaign.Members.Add(new CampaignMember { UnitId = u.Id, Duties = u.Duties, SortOrder = order++ });
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);

        var keyTasks = new List<CampaignTask>();
        var sort = 0;
        foreach (var row in CampaignSeed.Tasks)
        {
            var keyIndex = row.KeyTask ?? keyTasks.Count;
            var task = new CampaignTask
            {
                CampaignId = campaign.Id, ParentId = row.KeyTask is { } k ? keyTasks[k].Id : null, Number = row.Number, Title = row.Title,
                Content = row.Content, UnitsText = row.UnitsText, DueOn = campaign.EndsOn, SortOrder = ++sort,
            };
            if (CampaignSeed.Targets.TryGetValue((keyIndex, row.Number), out var target))
            {
                task.TargetText = target.Text;
                task.TargetIndicatorId = indicators.TryGetValue(target.IndicatorCode, out var id) ? id : null;
            }
            foreach (var r in CampaignSeed.ParseUnits(row.UnitsText))
            {
                var ids = r.Name == CampaignSeed.TownsAndStreets ? towns.Select(t => t.Id)
                    : byName.TryGetValue(r.Name, out var u) ? [u.Id] : [];
                foreach (var id in ids)
                    if (task.Units.All(x => x.UnitId != id)) task.Units.Add(new CampaignTaskUnit { UnitId = id, Role = r.Role });
            }
            db.CampaignTasks.Add(task);
            await db.SaveChangesAsync(ct);
            if (row.KeyTask is null) keyTasks.Add(task);
        }
    }
}
