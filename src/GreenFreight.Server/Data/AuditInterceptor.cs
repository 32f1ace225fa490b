using System.Text.Json;
using GreenFreight.Domain.Auditing;
using GreenFreight.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GreenFreight.Server.Data;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every create, update and delete of an <see cref="IAudited"/> record, in the
/// same transaction as the change: who (<see cref="AppDbContext.AuditUser"/>), when, and the values before and after.
/// </summary>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    sealed record Pending(EntityEntry Entry, AuditAction Action, Dictionary<string, object?[]> Changes);

    /// <summary>
    /// An audit row in the interceptor's shape (<c>Changes</c>: property → <c>{ "old", "new" }</c>), for writes it does not
    /// see: Identity's own stores, records that are not <see cref="IAudited"/>.
    /// </summary>
    public static AuditEntry Entry(DateTimeOffset at, string user, string entityType, string entityId, AuditAction action, IReadOnlyDictionary<string, object?[]> changes) => new()
    {
        At = at, UserName = user, EntityType = entityType, EntityId = entityId, Action = action,
        Changes = JsonSerializer.Serialize(changes.ToDictionary(c => c.Key, c => new { old = c.Value[0], @new = c.Value[1] }), Json),
    };

    readonly List<Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Flush(eventData.Context)) eventData.Context!.SaveChanges();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Flush(eventData.Context)) await eventData.Context!.SaveChangesAsync(cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _pending.Clear();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Clear();
        return Task.CompletedTask;
    }

    void Capture(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries().Where(e => e.Entity is IAudited))
        {
            var changes = new Dictionary<string, object?[]>();
            switch (entry.State)
            {
                case EntityState.Added:
                    // Values are read after the save (Flush), when generated keys and foreign keys are real.
                    _pending.Add(new(entry, AuditAction.Created, changes));
                    break;
                case EntityState.Modified:
                    // The version number is bookkeeping, not a change of the record's content.
                    foreach (var p in entry.Properties.Where(p => p.IsModified && !p.Metadata.IsConcurrencyToken && !Equals(Value(p.OriginalValue), Value(p.CurrentValue))))
                        changes[p.Metadata.Name] = [Value(p.OriginalValue), Value(p.CurrentValue)];
                    if (changes.Count > 0) _pending.Add(new(entry, AuditAction.Updated, changes));
                    break;
                case EntityState.Deleted:
                    foreach (var p in entry.Properties.Where(p => !p.Metadata.IsPrimaryKey()))
                        changes[p.Metadata.Name] = [Value(p.OriginalValue), null];
                    _pending.Add(new(entry, AuditAction.Deleted, changes));
                    break;
            }
        }
    }

    /// <summary>Adds the audit rows once keys are known (after the first save). Returns whether there is anything to save.</summary>
    bool Flush(DbContext? context)
    {
        if (context is not AppDbContext db || _pending.Count == 0) return false;
        var now = clock.GetUtcNow();
        var user = string.IsNullOrWhiteSpace(db.AuditUser) ? "system" : db.AuditUser!;
        foreach (var p in _pending)
        {
            if (p.Action == AuditAction.Created)
                foreach (var prop in p.Entry.Properties.Where(x => !x.Metadata.IsPrimaryKey()))
                    p.Changes[prop.Metadata.Name] = [null, Value(prop.CurrentValue)];
            db.AuditEntries.Add(Entry(now, user, p.Entry.Metadata.ClrType.Name,
                ((IAudited)p.Entry.Entity).Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Action, p.Changes));
        }
        _pending.Clear();
        return true;
    }

    static object? Value(object? v) => v switch
    {
        NetTopologySuite.Geometries.Geometry g => Configurations.GeometryConverters.ToWkt(g),
        byte[] => "(binary)",
        Enum e => e.ToString(),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        _ => v,
    };
}
