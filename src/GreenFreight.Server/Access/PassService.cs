using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GreenFreight.Domain.Access;
using GreenFreight.Domain.Registry;
using GreenFreight.Server.Auth;
using GreenFreight.Server.Data;
using GreenFreight.Server.Infrastructure;
using GreenFreight.Server.Registry;
using Microsoft.EntityFrameworkCore;
using PlateRules = GreenFreight.Domain.Validation.Plate;

namespace GreenFreight.Server.Access;

/// <summary>
/// The pass signing key (ECDSA P-256). From <c>Passes:SigningKey</c> (a PKCS#8 PEM) when set; otherwise generated once
/// and kept in the database (like the JWT key), so every instance signs with the same key. Only the public key leaves
/// the server (<c>/api/passes/public-key</c>).
/// </summary>
public sealed class PassKeys(IConfiguration config, IDbContextFactory<AppDbContext> dbFactory)
{
    const string SecretName = "pass-signing-key";
    readonly SemaphoreSlim _lock = new(1, 1);
    ECDsa? _key;

    public string KeyId { get; private set; } = "";
    public string PublicKeyPem { get; private set; } = "";

    public async Task<ECDsa> KeyAsync(CancellationToken ct = default)
    {
        if (_key is { } k) return k;
        await _lock.WaitAsync(ct);
        try
        {
            if (_key is { } k2) return k2;
            var key = ECDsa.Create();
            var configured = config["Passes:SigningKey"];
            if (!string.IsNullOrWhiteSpace(configured)) key.ImportFromPem(configured);
            else
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var secret = await db.Secrets.FirstOrDefaultAsync(s => s.Name == SecretName, ct);
                if (secret is null)
                {
                    using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                    secret = new PlatformSecret { Name = SecretName, Value = Convert.ToBase64String(fresh.ExportPkcs8PrivateKey()), CreatedAt = DateTimeOffset.UtcNow };
                    db.Secrets.Add(secret);
                    try { await db.SaveChangesAsync(ct); }
                    catch (DbUpdateException)
                    {
                        db.ChangeTracker.Clear();   // another instance created it first: use theirs
                        secret = await db.Secrets.FirstAsync(s => s.Name == SecretName, ct);
                    }
                }
                key.ImportPkcs8PrivateKey(Convert.FromBase64String(secret.Value), out _);
            }
            KeyId = PassToken.KeyId(key);
            PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
            _key = key;
            return key;
        }
        finally
        {
            _lock.Release();
        }
    }
}

public sealed record MaterialDto(int Id, string Kind, string FileName, long Size, DateTimeOffset UploadedAt);

public sealed record PassDto(int Id, int Version, string? Number, int EnterpriseId, string? EnterpriseName, int VehicleId, string Plate, string Kind,
    DateOnly ValidFrom, DateOnly ValidTo, string Periods, IReadOnlyList<int> ZoneIds, IReadOnlyList<string> ZoneNames, string? Roads, string? Purpose, bool Green, string Status,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? SubmittedAt, DateTimeOffset? ReviewDueAt, bool Overdue, DateTimeOffset? ReviewedAt, string? ReviewedBy,
    string? RejectReason, DateTimeOffset? RevokedAt, string? RevokeReason, bool Expired, string? Token, IReadOnlyList<MaterialDto> Materials);

public sealed record PassIn(int? VehicleId, string? Plate, PassKind? Kind, DateOnly? ValidFrom, DateOnly? ValidTo, string? Periods, IReadOnlyList<int>? ZoneIds,
    string? Roads, string? Purpose, int? Version);

public sealed record ReasonIn(string? Reason);

public sealed record TokenIn(string? Token);

/// <summary>What a check of a pass token finds: the signature (offline part) and the pass's current state on the platform.</summary>
public sealed record PassVerifyResult(bool Valid, string SignatureStatus, string? State, string Message, PassTokenPayload? Payload, IReadOnlyList<string> ZoneNames);

/// <summary>What anyone may see of a pass by plate (no enterprise, no people, no materials).</summary>
public sealed record PublicPassDto(string? Number, string Plate, string Kind, DateOnly ValidFrom, DateOnly ValidTo, string Periods, IReadOnlyList<string> Zones, string? Roads, string State);

/// <summary>The electronic delivery pass workflow: apply, upload materials, submit, review (approve / reject), revoke, verify.</summary>
public sealed class PassService(IDbContextFactory<AppDbContext> dbFactory, PassKeys keys, AccessRuntime runtime, TimeProvider clock, Localizer l)
{
    public const long MaxMaterialBytes = 5 * 1024 * 1024;
    static readonly string[] MaterialTypes = ["application/pdf", "image/jpeg", "image/png"];
    public static readonly MaterialKind[] RequiredMaterials = [MaterialKind.VehicleLicence, MaterialKind.DriverLicence, MaterialKind.ContractOrCargoList];

    static bool IsReviewer(UserContext u) => u.IsPolice || u.IsOffice;

    IQueryable<DeliveryPass> Scope(AppDbContext db, UserContext u) =>
        u.IsEnterpriseOnly ? db.Passes.Where(p => p.EnterpriseId == u.EnterpriseId) : u.IsGovernment ? db.Passes : db.Passes.Where(_ => false);

    PassDto ToDto(DeliveryPass p, string? enterprise, AccessSnapshot s)
    {
        var now = clock.GetUtcNow();
        var zones = p.ZoneIdList();
        return new PassDto(p.Id, p.Version, p.Number, p.EnterpriseId, enterprise, p.VehicleId, p.Plate, p.Kind.ToString(), p.ValidFrom, p.ValidTo, p.Periods, zones,
            zones.Count == 0 ? [l["pass.zones.all"]] : zones.Select(z => s.Zones.TryGetValue(z, out var zz) ? zz.Name : $"#{z}").ToList(),
            p.Roads, p.Purpose, p.Green, p.Status.ToString(), p.CreatedAt, p.CreatedBy, p.SubmittedAt, p.ReviewDueAt, p.IsOverdue(now), p.ReviewedAt, p.ReviewedBy,
            p.RejectReason, p.RevokedAt, p.RevokeReason, p.IsExpired(clock.Today()), p.Token,
            p.Materials.OrderBy(m => m.Id).Select(m => new MaterialDto(m.Id, m.Kind.ToString(), m.FileName, m.Size, m.UploadedAt)).ToList());
    }

    public async Task<List<PassDto>> ListAsync(UserContext user, PassStatus? status = null, bool overdueOnly = false, string? plate = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = Scope(db, user).AsNoTracking().Include(p => p.Materials.Where(m => false)).AsQueryable();
        if (status is { } st) q = q.Where(p => p.Status == st);
        if (overdueOnly)
        {
            var now = clock.GetUtcNow();
            q = q.Where(p => p.Status == PassStatus.Submitted && p.ReviewDueAt < now);
        }
        if (!string.IsNullOrWhiteSpace(plate)) { var n = PlateRules.Normalize(plate); q = q.Where(p => p.Plate.Contains(n)); }
        var list = await q.OrderByDescending(p => p.Id).Take(500).ToListAsync(ct);
        var ids = list.Select(p => p.EnterpriseId).Distinct().ToList();
        var names = await db.Enterprises.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        var s = runtime.Current;
        return list.Select(p => ToDto(p, names.GetValueOrDefault(p.EnterpriseId), s)).ToList();
    }

    public async Task<PassDto?> GetAsync(int id, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await Scope(db, user).AsNoTracking().Include(x => x.Materials).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return null;
        var name = await db.Enterprises.Where(e => e.Id == p.EnterpriseId).Select(e => e.Name).FirstOrDefaultAsync(ct);
        return ToDto(p, name, runtime.Current);
    }

    async Task<Vehicle?> VehicleAsync(AppDbContext db, PassIn input, UserContext user, FieldErrors errors, CancellationToken ct)
    {
        Vehicle? v = null;
        if (input.VehicleId is { } vid) v = await db.Vehicles.FirstOrDefaultAsync(x => x.Id == vid, ct);
        else if (!string.IsNullOrWhiteSpace(input.Plate)) { var n = PlateRules.Normalize(input.Plate); v = await db.Vehicles.FirstOrDefaultAsync(x => x.Plate == n, ct); }
        else { errors.Add("vehicleId", "field.required"); return null; }
        if (v is null || user.IsEnterpriseOnly && v.OwnerEnterpriseId != user.EnterpriseId || v.OwnerEnterpriseId is null)
        {
            errors.Add("vehicleId", "pass.vehicle.unknown");
            return null;
        }
        return v;
    }

    void CheckFields(PassIn input, FieldErrors errors, AccessSnapshot s)
    {
        RegistryRules.Required(errors, "kind", input.Kind);
        RegistryRules.Defined(errors, "kind", input.Kind);
        RegistryRules.Required(errors, "validFrom", input.ValidFrom);
        RegistryRules.Required(errors, "validTo", input.ValidTo);
        RegistryRules.MaxLength(errors, "purpose", input.Purpose, 500);
        RegistryRules.MaxLength(errors, "roads", input.Roads, PassRules.MaxRoadsLength);
        if (TimeWindow.ParseList(input.Periods) is not { Count: > 0 }) errors.Add("periods", "pass.periods");
        if (input.ZoneIds?.Any(z => !s.Zones.ContainsKey(z)) == true) errors.Add("zoneIds", "access.rule.zone.unknown");
    }

    static void Apply(PassIn input, DeliveryPass p, Vehicle v)
    {
        p.VehicleId = v.Id;
        p.Plate = v.Plate;
        p.EnterpriseId = v.OwnerEnterpriseId!.Value;
        p.Kind = input.Kind!.Value;
        p.ValidFrom = input.ValidFrom!.Value;
        p.ValidTo = input.ValidTo!.Value;
        p.Periods = TimeWindow.Format(TimeWindow.ParseList(input.Periods)!);
        p.ZoneIds = string.Join(",", (input.ZoneIds ?? []).Distinct().Order());
        p.Roads = RegistryRules.Clean(input.Roads);
        p.Purpose = RegistryRules.Clean(input.Purpose);
    }

    /// <summary>An enterprise applies for one of its vehicles (a draft: materials next, then submit).</summary>
    public async Task<Outcome<PassDto>> CreateAsync(PassIn input, UserContext user, CancellationToken ct = default)
    {
        if (!(user.IsEnterpriseOnly || user.IsOffice)) return Outcome<PassDto>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = new FieldErrors();
        var s = await runtime.FreshAsync(ct);
        CheckFields(input, errors, s);
        var v = await VehicleAsync(db, input, user, errors, ct);
        if (!errors.Ok) return Outcome<PassDto>.Invalid(errors);
        var p = new DeliveryPass { Status = PassStatus.Draft, CreatedAt = clock.GetUtcNow(), CreatedBy = user.UserName };
        Apply(input, p, v!);
        db.Passes.Add(p);
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<PassDto>.Ok((await GetAsync(p.Id, user, ct))!);
    }

    /// <summary>The applicant edits a draft or a rejected application (it must be submitted again).</summary>
    public async Task<Outcome<PassDto>> UpdateAsync(int id, PassIn input, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await Scope(db, user).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Outcome<PassDto>.NotFound;
        if (!(user.IsEnterpriseOnly || user.IsOffice)) return Outcome<PassDto>.Forbidden;
        if (p.Status is not (PassStatus.Draft or PassStatus.Rejected)) return Outcome<PassDto>.Conflict("pass.state.edit");
        var errors = new FieldErrors();
        var s = await runtime.FreshAsync(ct);
        CheckFields(input, errors, s);
        var v = await VehicleAsync(db, input, user, errors, ct);
        if (!errors.Ok) return Outcome<PassDto>.Invalid(errors);
        Apply(input, p, v!);
        p.Status = PassStatus.Draft;
        if (input.Version is { } ver) db.Entry(p).Property(x => x.Version).OriginalValue = ver;
        db.AuditUser = user.UserName;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<PassDto>.Conflict("record.changed"); }
        return Outcome<PassDto>.Ok((await GetAsync(p.Id, user, ct))!);
    }

    public async Task<Outcome<MaterialDto>> AddMaterialAsync(int id, MaterialKind kind, string fileName, string contentType, byte[] content, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await Scope(db, user).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Outcome<MaterialDto>.NotFound;
        if (!(user.IsEnterpriseOnly || user.IsOffice)) return Outcome<MaterialDto>.Forbidden;
        if (p.Status is not (PassStatus.Draft or PassStatus.Rejected)) return Outcome<MaterialDto>.Conflict("pass.state.edit");
        var errors = new FieldErrors();
        if (!Enum.IsDefined(kind)) errors.Add("kind", "field.enum");
        if (content.Length == 0) errors.Add("file", "field.required");
        else if (content.Length > MaxMaterialBytes) errors.Add("file", "indicator.attachment.size", fileName, MaxMaterialBytes / 1024 / 1024);
        var type = MaterialTypes.Contains(contentType) ? contentType : SniffType(content);
        if (type is null && content.Length > 0) errors.Add("file", "pass.material.type");
        if (!errors.Ok) return Outcome<MaterialDto>.Invalid(errors);
        var m = new PassMaterial
        {
            PassId = id, Kind = kind, FileName = Path.GetFileName(fileName.Length > 200 ? fileName[..200] : fileName), ContentType = type!, Size = content.Length,
            Content = content, UploadedAt = clock.GetUtcNow(), UploadedBy = user.UserName,
        };
        db.PassMaterials.Add(m);
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<MaterialDto>.Ok(new MaterialDto(m.Id, m.Kind.ToString(), m.FileName, m.Size, m.UploadedAt));
    }

    /// <summary>PDF, JPEG or PNG by their first bytes.</summary>
    static string? SniffType(byte[] b) =>
        b.Length >= 4 && b[0] == 0x25 && b[1] == 0x50 && b[2] == 0x44 && b[3] == 0x46 ? "application/pdf"
        : b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.Length >= 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 ? "image/png"
        : null;

    public async Task<Outcome<bool>> DeleteMaterialAsync(int id, int materialId, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await Scope(db, user).FirstOrDefaultAsync(x => x.Id == id, ct);
        var m = p is null ? null : await db.PassMaterials.FirstOrDefaultAsync(x => x.Id == materialId && x.PassId == id, ct);
        if (m is null) return Outcome<bool>.NotFound;
        if (!(user.IsEnterpriseOnly || user.IsOffice)) return Outcome<bool>.Forbidden;
        if (p!.Status is not (PassStatus.Draft or PassStatus.Rejected)) return Outcome<bool>.Conflict("pass.state.edit");
        db.PassMaterials.Remove(m);
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>A material's file: the applicant and the reviewers only.</summary>
    public async Task<PassMaterial?> MaterialAsync(int id, int materialId, UserContext user, CancellationToken ct = default)
    {
        if (!(user.IsEnterpriseOnly || IsReviewer(user))) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await Scope(db, user).AnyAsync(p => p.Id == id, ct)) return null;
        return await db.PassMaterials.AsNoTracking().FirstOrDefaultAsync(m => m.Id == materialId && m.PassId == id, ct);
    }

    /// <summary>Submits for review: the national rules on kinds and dates (with the easier treatment for NEVs and cold chain), the materials.</summary>
    public async Task<Outcome<PassDto>> SubmitAsync(int id, UserContext user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await Scope(db, user).Include(x => x.Materials).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Outcome<PassDto>.NotFound;
        if (!(user.IsEnterpriseOnly || user.IsOffice)) return Outcome<PassDto>.Forbidden;
        if (p.Status is not (PassStatus.Draft or PassStatus.Rejected)) return Outcome<PassDto>.Conflict("pass.state.submit");
        var v = await db.Vehicles.AsNoTracking().FirstAsync(x => x.Id == p.VehicleId, ct);
        var settings = await db.AccessSettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new AccessSettings();
        var green = PassRules.IsGreen(v.Energy, v.ColdChain, settings);
        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        foreach (var e in PassRules.Check(p.Kind, p.ValidFrom, p.ValidTo, p.Periods, p.Roads, green, settings, now)) errors.Add(e.Field, e.Key, e.Args);
        foreach (var k in RequiredMaterials.Where(k => p.Materials.All(m => m.Kind != k))) errors.Add("materials", "pass.material.missing", l.Enum(k));
        if (!v.InServiceOn(p.ValidFrom) || !v.InServiceOn(p.ValidTo)) errors.Add("vehicleId", "pass.vehicle.service");
        if (!errors.Ok) return Outcome<PassDto>.Invalid(errors);
        p.Green = green;
        p.Status = PassStatus.Submitted;
        p.SubmittedAt = now;
        p.ReviewDueAt = PassRules.ReviewDue(now, green ? settings.ReviewWorkingDaysGreen : settings.ReviewWorkingDays).ToUniversalTime();   // PostgreSQL timestamptz takes UTC only
        p.RejectReason = null;
        db.AuditUser = user.UserName;
        await db.SaveChangesAsync(ct);
        return Outcome<PassDto>.Ok((await GetAsync(id, user, ct))!);
    }

    async Task<Outcome<PassDto>> ReviewAsync(int id, UserContext user, PassStatus from, Action<DeliveryPass> change, string conflictKey, CancellationToken ct, Func<DeliveryPass, Task>? before = null)
    {
        if (!IsReviewer(user)) return Outcome<PassDto>.Forbidden;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.Passes.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Outcome<PassDto>.NotFound;
        if (p.Status != from) return Outcome<PassDto>.Conflict(conflictKey);
        if (before is not null) await before(p);
        change(p);
        db.AuditUser = user.UserName;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Outcome<PassDto>.Conflict("record.changed"); }
        _ = runtime.ReloadVehiclesAsync(CancellationToken.None);
        return Outcome<PassDto>.Ok((await GetAsync(id, user, ct))!);
    }

    /// <summary>The police approve: the pass gets its number and a signed token (the QR code).</summary>
    public async Task<Outcome<PassDto>> ApproveAsync(int id, UserContext user, CancellationToken ct = default)
    {
        var key = await keys.KeyAsync(ct);
        var now = clock.GetUtcNow();
        return await ReviewAsync(id, user, PassStatus.Submitted, p =>
        {
            p.Status = PassStatus.Approved;
            p.ReviewedAt = now;
            p.ReviewedBy = user.UserName;
            p.Number = $"LZ-{p.ValidFrom.Year}-{p.Id:D6}";
            p.Token = PassToken.Sign(new PassTokenPayload(1, keys.KeyId, p.Number, p.Plate, p.Kind.ToString(), p.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                p.ValidTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.Periods, p.ZoneIdList().ToArray(), p.Roads, now.ToUnixTimeSeconds()), key);
        }, "pass.state.review", ct);
    }

    public Task<Outcome<PassDto>> RejectAsync(int id, string? reason, UserContext user, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
            return Task.FromResult(Outcome<PassDto>.Invalid(new FieldErrors { new FieldError("reason", string.IsNullOrWhiteSpace(reason) ? "field.required" : "field.maxlength", 500) }));
        var now = clock.GetUtcNow();
        return ReviewAsync(id, user, PassStatus.Submitted, p =>
        {
            p.Status = PassStatus.Rejected;
            p.ReviewedAt = now;
            p.ReviewedBy = user.UserName;
            p.RejectReason = reason.Trim();
        }, "pass.state.review", ct);
    }

    public Task<Outcome<PassDto>> RevokeAsync(int id, string? reason, UserContext user, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
            return Task.FromResult(Outcome<PassDto>.Invalid(new FieldErrors { new FieldError("reason", string.IsNullOrWhiteSpace(reason) ? "field.required" : "field.maxlength", 500) }));
        var now = clock.GetUtcNow();
        return ReviewAsync(id, user, PassStatus.Approved, p =>
        {
            p.Status = PassStatus.Revoked;
            p.RevokedAt = now;
            p.RevokeReason = reason.Trim();
        }, "pass.state.revoke", ct);
    }

    /// <summary>
    /// Checks a token: the signature with the public key (what an offline check does), then the pass's state here
    /// (revoked passes fail although their signature is good).
    /// </summary>
    public async Task<PassVerifyResult> VerifyAsync(string? token, CancellationToken ct = default)
    {
        var key = await keys.KeyAsync(ct);
        var check = PassToken.Verify(token is null ? null : PassToken.Extract(token), key, clock.Today());
        if (!check.SignatureValid)
            return new PassVerifyResult(false, check.Status.ToString(), null, l[$"pass.verify.{check.Status}"], check.Status == PassTokenStatus.BadSignature ? null : check.Payload, []);
        var payload = check.Payload!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.Passes.AsNoTracking().FirstOrDefaultAsync(x => x.Number == payload.Number, ct);
        var zones = payload.Zones.Length == 0 ? [l["pass.zones.all"]] : payload.Zones.Select(z => runtime.Current.Zones.TryGetValue(z, out var zz) ? zz.Name : $"#{z}").ToList();
        if (p is null || p.Token != PassToken.Extract(token!))
            return new PassVerifyResult(false, check.Status.ToString(), "Unknown", l["pass.verify.unknown"], payload, zones);
        if (p.Status == PassStatus.Revoked)
            return new PassVerifyResult(false, check.Status.ToString(), p.Status.ToString(), l["pass.verify.revoked", p.RevokeReason ?? ""], payload, zones);
        var valid = check.Status == PassTokenStatus.Valid && p.Status == PassStatus.Approved;
        return new PassVerifyResult(valid, check.Status.ToString(), p.Status.ToString(), l[$"pass.verify.{check.Status}"], payload, zones);
    }

    /// <summary>Public lookup by plate: approved passes (valid, expired or revoked) without anything private.</summary>
    public async Task<List<PublicPassDto>> PublicLookupAsync(string plate, CancellationToken ct = default)
    {
        var n = PlateRules.Normalize(plate);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await db.Passes.AsNoTracking().Where(p => p.Plate == n && (p.Status == PassStatus.Approved || p.Status == PassStatus.Revoked))
            .OrderByDescending(p => p.ValidTo).Take(20).ToListAsync(ct);
        var today = clock.Today();
        var s = runtime.Current;
        return list.Select(p => new PublicPassDto(p.Number, p.Plate, p.Kind.ToString(), p.ValidFrom, p.ValidTo, p.Periods,
            p.ZoneIdList() is { Count: > 0 } z ? z.Select(i => s.Zones.TryGetValue(i, out var zz) ? zz.Name : $"#{i}").ToList() : [l["pass.zones.all"]], p.Roads,
            p.Status == PassStatus.Revoked ? "Revoked" : p.ValidTo < today ? "Expired" : p.ValidFrom > today ? "NotYetValid" : "Valid")).ToList();
    }

    /// <summary>The QR code of an approved pass, as SVG: it carries the verify URL with the signed token.</summary>
    public static string QrSvg(string text)
    {
        using var gen = new QRCoder.QRCodeGenerator();
        using var data = gen.CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.M);
        var m = data.ModuleMatrix;
        var n = m.Count;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {n} {n}\" shape-rendering=\"crispEdges\" class=\"gf-qr\" data-modules=\"{n}\"><rect width=\"{n}\" height=\"{n}\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (var y = 0; y < n; y++)
            for (var x = 0; x < n; x++)
                if (m[y][x]) sb.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
        return sb.Append("\"/></svg>").ToString();
    }

    /// <summary>The QR module matrix (for tests and printing).</summary>
    public static bool[,] QrModules(string text)
    {
        using var gen = new QRCoder.QRCodeGenerator();
        using var data = gen.CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.M);
        var m = data.ModuleMatrix;
        var a = new bool[m.Count, m.Count];
        for (var y = 0; y < m.Count; y++) for (var x = 0; x < m.Count; x++) a[y, x] = m[y][x];
        return a;
    }

    public static string VerifyUrl(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/pass/verify?t={Uri.EscapeDataString(token)}";
}
