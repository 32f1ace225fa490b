using System.Globalization;
using GreenFreight.Domain.Auditing;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GreenFreight.Server.Users;

public sealed record UserDto(string Id, string UserName, string DisplayName, string Role, int? UnitId, string? UnitName,
    int? EnterpriseId, string? EnterpriseName, bool Locked, string? Email = null, string? Mobile = null);

public sealed class UserRequest
{
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }
    /// <summary>office, unit, police or enterprise.</summary>
    public string? Role { get; set; }
    /// <summary>The member unit of a unit or police account.</summary>
    public int? UnitId { get; set; }
    /// <summary>The enterprise of an enterprise account.</summary>
    public int? EnterpriseId { get; set; }
    public bool Locked { get; set; }
    /// <summary>Where notifications are e-mailed (when the platform has an SMTP server configured).</summary>
    public string? Email { get; set; }
    /// <summary>Mainland mobile number (11 digits) for SMS notifications (when an SMS gateway is configured).</summary>
    public string? Mobile { get; set; }
}

/// <summary>A user created or given a new password: the password is shown once.</summary>
public sealed record UserWithPassword(UserDto User, string Password);

public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);

/// <summary>
/// Accounts of the platform, kept by the office: who may log in, with which role, for which unit or enterprise.
/// Every change is written to the audit log (entity type <c>User</c>).
/// </summary>
public sealed class UserService(UserManager<AppUser> users, AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserDto>> ListAsync(CancellationToken ct = default)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var ents = await db.Enterprises.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return all.Select(u => ToDto(u, roles.FirstOrDefault(r => r.UserId == u.Id)?.Name ?? "", units, ents)).ToList();
    }

    UserDto ToDto(AppUser u, string role, IReadOnlyDictionary<int, string> units, IReadOnlyDictionary<int, string> ents) =>
        new(u.Id, u.UserName ?? "", u.DisplayName, role, u.UnitId, u.UnitId is { } x ? units.GetValueOrDefault(x) : null,
            u.EnterpriseId, u.EnterpriseId is { } e ? ents.GetValueOrDefault(e) : null, u.LockoutEnd > clock.GetUtcNow(), u.Email, u.PhoneNumber);

    async Task<UserDto> DtoAsync(AppUser u, CancellationToken ct)
    {
        var role = (await users.GetRolesAsync(u)).FirstOrDefault() ?? "";
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var ents = await db.Enterprises.AsNoTracking().ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        return ToDto(u, role, units, ents);
    }

    async Task ValidateAsync(UserRequest r, AppUser? existing, FieldErrors errors, CancellationToken ct)
    {
        if (existing is null)
        {
            RegistryRules.Required(errors, "userName", r.UserName);
            if (!string.IsNullOrWhiteSpace(r.UserName))
            {
                var name = r.UserName.Trim();
                errors.AddIf(!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z0-9_.-]{2,50}$"), "userName", "user.name.format");
                errors.AddIf(await users.FindByNameAsync(name) is not null, "userName", "unique.taken", name);
            }
        }
        RegistryRules.Required(errors, "displayName", r.DisplayName);
        RegistryRules.MaxLength(errors, "displayName", r.DisplayName, 100);
        RegistryRules.MaxLength(errors, "email", r.Email, 200);
        if (!string.IsNullOrWhiteSpace(r.Email))
            errors.AddIf(!System.Net.Mail.MailAddress.TryCreate(r.Email.Trim(), out var mail) || mail.Address != r.Email.Trim() || !mail.Host.Contains('.'), "email", "user.email.format");
        if (!string.IsNullOrWhiteSpace(r.Mobile))
            errors.AddIf(!System.Text.RegularExpressions.Regex.IsMatch(r.Mobile.Trim(), "^1[3-9][0-9]{9}$"), "mobile", "user.mobile.format");
        if (!Roles.All.Contains(r.Role ?? "")) errors.Add("role", "user.role.unknown");
        if (r.Role is Roles.Unit or Roles.Police)
        {
            if (r.UnitId is not { } unit) errors.Add("unitId", "field.required");
            else errors.AddIf(!await db.Units.AnyAsync(u => u.Id == unit, ct), "unitId", "user.unit.unknown");
        }
        if (r.Role == Roles.Enterprise)
        {
            if (r.EnterpriseId is not { } ent) errors.Add("enterpriseId", "field.required");
            else errors.AddIf(!await db.Enterprises.AnyAsync(e => e.Id == ent, ct), "enterpriseId", "enterprise.unknown", ent);
        }
    }

    public async Task<Outcome<UserWithPassword>> CreateAsync(UserRequest r, UserContext actor, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        await ValidateAsync(r, null, errors, ct);
        if (!errors.Ok) return Outcome<UserWithPassword>.Invalid(errors);
        var user = new AppUser
        {
            UserName = r.UserName!.Trim(), DisplayName = r.DisplayName!.Trim(),
            UnitId = r.Role is Roles.Unit or Roles.Police or Roles.Office ? r.UnitId : null,
            EnterpriseId = r.Role == Roles.Enterprise ? r.EnterpriseId : null,
            Email = RegistryRules.Clean(r.Email), PhoneNumber = RegistryRules.Clean(r.Mobile),
        };
        var password = DatabaseSetup.GeneratePassword();
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, r.Role!));
        var dto = await DtoAsync(user, ct);
        await AuditAsync(actor, user.Id, AuditAction.Created, new() { ["UserName"] = [null, user.UserName], ["Role"] = [null, r.Role], ["UnitId"] = [null, user.UnitId], ["EnterpriseId"] = [null, user.EnterpriseId], ["Email"] = [null, user.Email], ["Mobile"] = [null, user.PhoneNumber] }, ct);
        return Outcome<UserWithPassword>.Ok(new(dto, password));
    }

    public async Task<Outcome<UserDto>> UpdateAsync(string id, UserRequest r, UserContext actor, CancellationToken ct = default)
    {
        // The page keeps one context for its lifetime: read the account afresh, not a tracked copy from earlier.
        db.ChangeTracker.Clear();
        var user = await users.FindByIdAsync(id);
        if (user is null) return Outcome<UserDto>.NotFound;
        var errors = new FieldErrors();
        await ValidateAsync(r, user, errors, ct);
        if (user.UserName == actor.UserName && (r.Role != Roles.Office || r.Locked)) errors.Add("role", "user.self.demote");
        if (!errors.Ok) return Outcome<UserDto>.Invalid(errors);
        try { return await ApplyUpdateAsync(user, r, actor, ct); }
        catch (IdentityStepFailed ex) when (ex.Concurrency) { return Outcome<UserDto>.Conflict("user.changed"); }
    }

    async Task<Outcome<UserDto>> ApplyUpdateAsync(AppUser user, UserRequest r, UserContext actor, CancellationToken ct)
    {
        var before = await DtoAsync(user, ct);
        user.DisplayName = r.DisplayName!.Trim();
        user.UnitId = r.Role is Roles.Unit or Roles.Police or Roles.Office ? r.UnitId : null;
        user.EnterpriseId = r.Role == Roles.Enterprise ? r.EnterpriseId : null;
        user.Email = RegistryRules.Clean(r.Email);
        user.NormalizedEmail = user.Email?.ToUpperInvariant();
        user.PhoneNumber = RegistryRules.Clean(r.Mobile);
        Check(await users.UpdateAsync(user));
        if (before.Role != r.Role)
        {
            if (before.Role.Length > 0) Check(await users.RemoveFromRoleAsync(user, before.Role));
            Check(await users.AddToRoleAsync(user, r.Role!));
        }
        Check(await users.SetLockoutEndDateAsync(user, r.Locked ? DateTimeOffset.MaxValue : null));
        // A changed role or lock takes effect at once: existing cookies are re-validated against the security stamp.
        Check(await users.UpdateSecurityStampAsync(user));
        var after = await DtoAsync(user, ct);
        var changes = new Dictionary<string, object?[]>();
        if (before.DisplayName != after.DisplayName) changes["DisplayName"] = [before.DisplayName, after.DisplayName];
        if (before.Role != after.Role) changes["Role"] = [before.Role, after.Role];
        if (before.UnitId != after.UnitId) changes["UnitId"] = [before.UnitId, after.UnitId];
        if (before.EnterpriseId != after.EnterpriseId) changes["EnterpriseId"] = [before.EnterpriseId, after.EnterpriseId];
        if (before.Locked != after.Locked) changes["Locked"] = [before.Locked, after.Locked];
        if (before.Email != after.Email) changes["Email"] = [before.Email, after.Email];
        if (before.Mobile != after.Mobile) changes["Mobile"] = [before.Mobile, after.Mobile];
        if (changes.Count > 0) await AuditAsync(actor, user.Id, AuditAction.Updated, changes, ct);
        return Outcome<UserDto>.Ok(after);
    }

    public async Task<Outcome<UserWithPassword>> ResetPasswordAsync(string id, UserContext actor, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear();
        var user = await users.FindByIdAsync(id);
        if (user is null) return Outcome<UserWithPassword>.NotFound;
        var password = DatabaseSetup.GeneratePassword();
        Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, password));
        Check(await users.SetLockoutEndDateAsync(user, null));
        await AuditAsync(actor, user.Id, AuditAction.Updated, new() { ["Password"] = ["(reset)", "(reset)"] }, ct);
        return Outcome<UserWithPassword>.Ok(new(await DtoAsync(user, ct), password));
    }

    public async Task<Outcome<bool>> ChangeOwnPasswordAsync(UserContext actor, PasswordChange change, CancellationToken ct = default)
    {
        db.ChangeTracker.Clear();
        var user = await users.FindByNameAsync(actor.UserName);
        if (user is null) return Outcome<bool>.NotFound;
        var errors = new FieldErrors();
        RegistryRules.Required(errors, "currentPassword", change.CurrentPassword);
        RegistryRules.Required(errors, "newPassword", change.NewPassword);
        if (!errors.Ok) return Outcome<bool>.Invalid(errors);
        var result = await users.ChangePasswordAsync(user, change.CurrentPassword!, change.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                errors.Add(e.Code == "PasswordMismatch" ? "currentPassword" : "newPassword", e.Code == "PasswordMismatch" ? "user.password.wrong" : "user.password.weak");
            return Outcome<bool>.Invalid(errors);
        }
        await AuditAsync(actor, user.Id, AuditAction.Updated, new() { ["Password"] = ["(changed)", "(changed)"] }, ct);
        return Outcome<bool>.Ok(true);
    }

    async Task AuditAsync(UserContext actor, string id, AuditAction action, Dictionary<string, object?[]> changes, CancellationToken ct)
    {
        db.AuditEntries.Add(AuditInterceptor.Entry(clock.GetUtcNow(), actor.UserName, "User", id, action, changes));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An Identity step that failed; a concurrency failure (the account changed meanwhile) becomes a 409.</summary>
    public sealed class IdentityStepFailed(IdentityResult r) : Exception(string.Join("; ", r.Errors.Select(e => e.Description)))
    {
        public bool Concurrency { get; } = r.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));
    }

    static void Check(IdentityResult r)
    {
        if (!r.Succeeded) throw new IdentityStepFailed(r);
    }
}
