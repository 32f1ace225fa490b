using GreenFreight.Domain.Access;
using GreenFreight.Domain.Seed;
using GreenFreight.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Access;

/// <summary>First start: the pass policy settings, the Zibo 2023 template's rules and their publications; demo zones with the demo data.</summary>
public static class AccessSetup
{
    public static async Task SeedAsync(AppDbContext db, bool demo, CancellationToken ct)
    {
        if (await db.AccessSettings.AnyAsync(ct)) return;
        var now = DateTimeOffset.UtcNow;
        db.AccessSettings.Add(new AccessSettings { Id = 1, RulesVersion = 1 });
        var notice = AccessSeed.Notice(now);
        db.Policies.Add(notice);
        db.Policies.Add(AccessSeed.WorkPlan(now));
        await db.SaveChangesAsync(ct);
        db.AccessRules.AddRange(AccessSeed.Rules(notice.Id));
        if (demo && !await db.Zones.AnyAsync(ct)) db.Zones.AddRange(AccessSeed.DemoZones());
        await db.SaveChangesAsync(ct);
    }
}
