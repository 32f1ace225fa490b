using GreenFreight.Domain.Campaign;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Campaigns;

/// <summary>A message to some users; <see cref="DedupKey"/> keeps a reminder from going out twice to the same user.</summary>
public sealed record NotificationMessage(string Title, string Body, string? Link, string? DedupKey = null);

/// <summary>
/// Delivers notifications. The platform registers every sender; the in-app one (<see cref="InAppNotificationSender"/>,
/// the bell in the layout) is real, e-mail and SMS senders are plugged in by registering further implementations.
/// </summary>
public interface INotificationSender
{
    string Channel { get; }
    Task SendAsync(NotificationMessage message, IReadOnlyCollection<string> userNames, CancellationToken ct);
}

/// <summary>Writes notification rows read by the bell and <c>/api/notifications</c>.</summary>
public sealed class InAppNotificationSender(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock) : INotificationSender
{
    public string Channel => "in-app";

    public async Task SendAsync(NotificationMessage message, IReadOnlyCollection<string> userNames, CancellationToken ct)
    {
        if (userNames.Count == 0) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var names = userNames.Distinct().ToList();
        var already = message.DedupKey is null ? [] :
            await db.Notifications.Where(n => n.DedupKey == message.DedupKey && names.Contains(n.UserName)).Select(n => n.UserName).ToListAsync(ct);
        foreach (var u in names.Except(already))
            db.Notifications.Add(new Notification { UserName = u, Title = message.Title, Body = message.Body, Link = message.Link, DedupKey = message.DedupKey, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }
}

public sealed record NotificationDto(int Id, string Title, string Body, string? Link, DateTimeOffset CreatedAt, bool Read);

/// <summary>Sends to every registered sender and reads a user's in-app notifications.</summary>
public sealed class NotificationService(IEnumerable<INotificationSender> senders, IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, OutboundDispatcher dispatcher)
{
    /// <summary>The outbox (office): e-mail and SMS messages with their delivery state.</summary>
    public async Task<List<OutboundMessageDto>> OutboxAsync(string? status, string? user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.OutboundMessages.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(user)) q = q.Where(m => m.UserName == user);
        q = status switch
        {
            "Sent" => q.Where(m => m.SentAt != null),
            "Failed" => q.Where(m => m.FailedAt != null),
            "Retrying" => q.Where(m => m.SentAt == null && m.FailedAt == null && m.Attempts > 0),
            "Queued" => q.Where(m => m.SentAt == null && m.FailedAt == null && m.Attempts == 0),
            _ => q,
        };
        return (await q.OrderByDescending(m => m.Id).Take(200).ToListAsync(ct)).Select(OutboundDispatcher.ToDto).ToList();
    }

    /// <summary>Sends a message that failed or waits for its back-off again now; a sent one is left as it is.</summary>
    public async Task<OutboundMessageDto?> RetryAsync(long id, UserContext user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await db.OutboundMessages.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return null;
        if (m.SentAt is null)
        {
            // The dispatcher's own bookkeeping is not audited (it is the message's state); the office's retry is.
            db.AuditEntries.Add(AuditInterceptor.Entry(clock.GetUtcNow(), user.UserName, nameof(OutboundMessage), m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                GreenFreight.Domain.Auditing.AuditAction.Updated, new Dictionary<string, object?[]> { ["Attempts"] = [m.Attempts, 0], ["FailedAt"] = [m.FailedAt, null] }));
            m.FailedAt = null;
            m.Attempts = 0;
            m.NextAttemptMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
            await db.SaveChangesAsync(ct);
            dispatcher.Wake();
        }
        return OutboundDispatcher.ToDto(m);
    }

    public async Task NotifyAsync(NotificationMessage message, IReadOnlyCollection<string> userNames, CancellationToken ct)
    {
        foreach (var s in senders) await s.SendAsync(message, userNames, ct);
        dispatcher.Wake();
    }

    /// <summary>The accounts of a unit (role unit or police).</summary>
    public async Task<List<string>> UnitUsersAsync(int unitId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.UnitId == unitId && u.UserName != null).Select(u => u.UserName!).ToListAsync(ct);
    }

    public async Task<List<string>> OfficeUsersAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var role = await db.Roles.Where(r => r.Name == Roles.Office).Select(r => r.Id).FirstOrDefaultAsync(ct);
        var ids = await db.UserRoles.Where(ur => ur.RoleId == role).Select(ur => ur.UserId).ToListAsync(ct);
        return await db.Users.Where(u => ids.Contains(u.Id) && u.UserName != null).Select(u => u.UserName!).ToListAsync(ct);
    }

    public async Task<List<NotificationDto>> ListAsync(string userName, bool unreadOnly, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Notifications.AsNoTracking().Where(n => n.UserName == userName);
        if (unreadOnly) q = q.Where(n => n.ReadAt == null);
        var list = await q.OrderByDescending(n => n.Id).Take(100).ToListAsync(ct);
        return list.Select(n => new NotificationDto(n.Id, n.Title, n.Body, n.Link, n.CreatedAt, n.ReadAt is not null)).ToList();
    }

    public async Task<bool> MarkReadAsync(string userName, int? id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Notifications.Where(n => n.UserName == userName && n.ReadAt == null);
        if (id is { } one) q = q.Where(n => n.Id == one);
        var list = await q.ToListAsync(ct);
        if (id is not null && list.Count == 0 && !await db.Notifications.AnyAsync(n => n.Id == id && n.UserName == userName, ct)) return false;
        foreach (var n in list) n.ReadAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return true;
    }
}
