using System.Globalization;
using GreenFreight.Domain.Registry;
using NetTopologySuite.Geometries;

namespace GreenFreight.Domain.Access;

public enum AccessZoneKind
{
    /// <summary>禁行区 (the inner restricted zone).</summary>
    Restricted,
    /// <summary>限行区 (the outer, limited zone).</summary>
    Limited,
    /// <summary>城市快速路: a line with a width.</summary>
    Expressway,
}

/// <summary>Zone kinds a rule applies to, as flags (a rule names one zone or one or more kinds).</summary>
[Flags]
public enum ZoneKinds
{
    None = 0,
    Restricted = 1,
    Limited = 2,
    Expressway = 4,
    Areas = Restricted | Limited,
    All = Restricted | Limited | Expressway,
}

/// <summary>
/// A zone of the traffic police's access rules: a polygon (禁行区, 限行区) or a line with a width (快速路), WGS-84.
/// </summary>
public sealed class AccessZone : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public AccessZoneKind Kind { get; set; }
    /// <summary>The area (restricted and limited zones).</summary>
    public Polygon? Area { get; set; }
    /// <summary>The centre line (expressways).</summary>
    public LineString? Line { get; set; }
    /// <summary>Width of an expressway, metres (the line is its centre).</summary>
    public int? WidthMetres { get; set; }
    /// <summary>Speed limit inside the zone, km/h; null for none.</summary>
    public int? SpeedLimitKmh { get; set; }
    public bool IsDemo { get; set; }
    /// <summary>Where the geometry comes from (e.g. the notice's annex map).</summary>
    public string? Source { get; set; }

    public static ZoneKinds Flag(AccessZoneKind k) => k switch
    {
        AccessZoneKind.Restricted => ZoneKinds.Restricted,
        AccessZoneKind.Limited => ZoneKinds.Limited,
        _ => ZoneKinds.Expressway,
    };
}

public enum RuleEffect
{
    /// <summary>Vehicles matched may not be in the zone in the windows.</summary>
    Forbid,
    /// <summary>An exception: vehicles matched may be in the zone in the windows, whatever forbids them.</summary>
    Allow,
}

public enum EnergyMatch
{
    Any,
    /// <summary>New-energy vehicles (BEV, PHEV, FCEV; cold-chain vehicles too when the policy treats them like NEVs).</summary>
    NewEnergy,
    /// <summary>Combustion-engine vehicles.</summary>
    Fuel,
}

/// <summary>Days of the week a window starts on (a window crossing midnight ends on the next day).</summary>
[Flags]
public enum WeekDays
{
    None = 0,
    Mon = 1, Tue = 2, Wed = 4, Thu = 8, Fri = 16, Sat = 32, Sun = 64,
    Workdays = Mon | Tue | Wed | Thu | Fri,
    All = 127,
}

/// <summary>
/// A daily time window in China local time, minutes from midnight. <c>To &lt; From</c> crosses midnight (ends the next
/// day); <c>From == To</c> is the whole day.
/// </summary>
public readonly record struct TimeWindow(int FromMinute, int ToMinute)
{
    public static readonly TimeWindow AllDay = new(0, 0);

    public bool IsAllDay => FromMinute == ToMinute;
    public bool CrossesMidnight => ToMinute < FromMinute;
    public int Minutes => IsAllDay ? 1440 : CrossesMidnight ? 1440 - FromMinute + ToMinute : ToMinute - FromMinute;

    public static TimeWindow Of(int fromHour, int fromMinute, int toHour, int toMinute) => new(fromHour * 60 + fromMinute, toHour * 60 + toMinute);

    public override string ToString() => IsAllDay ? "00:00-24:00" : $"{Hm(FromMinute)}-{Hm(ToMinute)}";

    static string Hm(int m) => $"{m / 60:D2}:{m % 60:D2}";

    /// <summary>"07:00-08:30;17:00-19:00" (also "全天"/"all day" or "00:00-24:00" for the whole day).</summary>
    public static string Format(IEnumerable<TimeWindow> windows) => string.Join(";", windows.Select(w => w.ToString()));

    /// <summary>Parses a list written by <see cref="Format"/>; null when any part is malformed.</summary>
    public static List<TimeWindow>? ParseList(string? text)
    {
        var list = new List<TimeWindow>();
        if (string.IsNullOrWhiteSpace(text)) return list;
        foreach (var raw in text.Split([';', '；', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw is "全天" or "all day" or "allday") { list.Add(AllDay); continue; }
            var parts = raw.Replace('–', '-').Replace('—', '-').Replace('~', '-').Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || ParseHm(parts[0]) is not { } a || ParseHm(parts[1]) is not { } b) return null;
            if (a == 1440) return null;
            if (b == 1440) b = 0;
            list.Add(new TimeWindow(a, b));
        }
        return list;
    }

    static int? ParseHm(string s)
    {
        var p = s.Split(':');
        if (p.Length != 2 || !int.TryParse(p[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
                           || !int.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return null;
        if (m is < 0 or > 59 || h is < 0 or > 24 || h == 24 && m != 0) return null;
        return h * 60 + m;
    }
}

/// <summary>
/// An access rule as data: which vehicles (classes, energy, weight, emission), which zone (one zone or zone kinds),
/// forbidden or allowed windows by weekday, exemptions, effective dates and the policy document it comes from.
/// </summary>
public sealed class AccessRule : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public string Name { get; set; } = "";
    /// <summary>One zone; when null the rule applies to every zone of <see cref="ZoneKinds"/>.</summary>
    public int? ZoneId { get; set; }
    public ZoneKinds ZoneKinds { get; set; }
    /// <summary>Vehicle classes matched, comma-separated enum names (empty: every class).</summary>
    public string Classes { get; set; } = "";
    public EnergyMatch Energy { get; set; }
    /// <summary>Matches vehicles heavier than this (kg, exclusive).</summary>
    public int? OverWeightKg { get; set; }
    /// <summary>Matches vehicles of at most this gross weight (kg, inclusive).</summary>
    public int? UpToWeightKg { get; set; }
    /// <summary>Matches combustion vehicles of at least this emission standard (NEVs always match).</summary>
    public EmissionStandard? MinEmission { get; set; }
    /// <summary>Matches only combustion vehicles below this emission standard (e.g. China III and older).</summary>
    public EmissionStandard? BelowEmission { get; set; }
    public RuleEffect Effect { get; set; }
    public WeekDays Days { get; set; } = WeekDays.All;
    /// <summary>Windows, "07:00-08:30;17:00-19:00"; "00:00-24:00" for all day.</summary>
    public string Windows { get; set; } = "00:00-24:00";
    public bool ExemptWithPass { get; set; } = true;
    public bool ExemptEmergency { get; set; } = true;
    public DateOnly EffectiveFrom { get; set; }
    /// <summary>Last day in force (inclusive); null: until changed.</summary>
    public DateOnly? EffectiveTo { get; set; }
    /// <summary>The policy document (政务发布) the rule comes from.</summary>
    public int? PolicyId { get; set; }
    public string? Notes { get; set; }

    public IReadOnlyList<VehicleClass> ClassList() =>
        Classes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => Enum.TryParse<VehicleClass>(c, out var v) ? v : (VehicleClass?)null).Where(v => v is not null).Select(v => v!.Value).ToList();

    public List<TimeWindow> WindowList() => TimeWindow.ParseList(Windows) ?? [];

    public bool InForceOn(DateOnly d) => EffectiveFrom <= d && (EffectiveTo is not { } to || d <= to);
}

/// <summary>The access and pass policy settings (one row), with the version every change of zones, rules or settings bumps.</summary>
public sealed class AccessSettings : IAudited
{
    public int Id { get; set; } = 1;
    /// <summary>Increased by every change of zones, rules or these settings: instances reload their engine when it moves.</summary>
    public long RulesVersion { get; set; }
    /// <summary>Cold-chain vehicles are treated like NEVs (national rules), for rules and passes.</summary>
    public bool ColdChainAsNewEnergy { get; set; } = true;
    /// <summary>Promised review time of a pass application, working days.</summary>
    public int ReviewWorkingDays { get; set; } = 3;
    /// <summary>Promised review time for NEVs and cold-chain vehicles (the easier treatment).</summary>
    public int ReviewWorkingDaysGreen { get; set; } = 1;
    /// <summary>A temporary pass is applied for at least this many hours before its day starts.</summary>
    public int TemporaryLeadHours { get; set; } = 24;
    public int TemporaryLeadHoursGreen { get; set; } = 24;
    /// <summary>Annual passes only for NEVs and cold-chain vehicles (others: quarterly).</summary>
    public bool AnnualForGreenOnly { get; set; } = true;
}

/// <summary>A policy publication of the office or the police (政务发布): a notice with its document number and attachments.</summary>
public sealed class PolicyPublication : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public string Title { get; set; } = "";
    /// <summary>Document number, e.g. 临政办字〔2023〕25号.</summary>
    public string? DocumentNo { get; set; }
    public string Issuer { get; set; } = "";
    public DateOnly? IssuedOn { get; set; }
    public string Body { get; set; } = "";
    /// <summary>Shown on the public pages from this time; null: a draft.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    public bool IsDemo { get; set; }
    public List<PolicyAttachment> Attachments { get; set; } = [];
}

public sealed class PolicyAttachment : IAudited
{
    public int Id { get; set; }
    public int PolicyId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }
}

public enum PassKind
{
    /// <summary>临时通行证: one day, applied for ahead.</summary>
    Temporary,
    /// <summary>长期通行证（季度）.</summary>
    Quarterly,
    /// <summary>长期通行证（年度）.</summary>
    Annual,
}

public enum PassStatus
{
    Draft,
    Submitted,
    Approved,
    Rejected,
    Revoked,
}

public enum MaterialKind
{
    /// <summary>行驶证</summary>
    VehicleLicence,
    /// <summary>驾驶证</summary>
    DriverLicence,
    /// <summary>运输合同或货物清单</summary>
    ContractOrCargoList,
    Other,
}

/// <summary>An electronic delivery pass (电子通行证) for one vehicle of an enterprise.</summary>
public sealed class DeliveryPass : IAudited, IVersioned, IEnterpriseOwned
{
    public int Id { get; set; }
    public int Version { get; set; }
    /// <summary>Pass number, given on approval (e.g. LZ-2026-000012).</summary>
    public string? Number { get; set; }
    public int EnterpriseId { get; set; }
    public int VehicleId { get; set; }
    public string Plate { get; set; } = "";
    public PassKind Kind { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidTo { get; set; }
    /// <summary>Daily periods, "07:00-09:00;17:00-19:00"; "00:00-24:00" for all day.</summary>
    public string Periods { get; set; } = "00:00-24:00";
    /// <summary>Zones the pass covers, comma-separated ids (empty: every zone).</summary>
    public string ZoneIds { get; set; } = "";
    /// <summary>Roads named in the application (free text).</summary>
    public string? Roads { get; set; }
    public string? Purpose { get; set; }
    /// <summary>NEV or cold-chain: the easier treatment applied (decided on submission from the vehicle and the policy).</summary>
    public bool Green { get; set; }
    public PassStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? SubmittedAt { get; set; }
    /// <summary>The promised review deadline.</summary>
    public DateTimeOffset? ReviewDueAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public string? RejectReason { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokeReason { get; set; }
    /// <summary>The signed token carried by the QR code (set on approval).</summary>
    public string? Token { get; set; }
    public List<PassMaterial> Materials { get; set; } = [];

    int? IEnterpriseOwned.OwnerEnterpriseId => EnterpriseId;

    public IReadOnlyList<int> ZoneIdList() =>
        ZoneIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0).Where(i => i > 0).ToList();

    /// <summary>Approved, not revoked, and <paramref name="day"/> within its dates.</summary>
    public bool ValidOn(DateOnly day) => Status == PassStatus.Approved && ValidFrom <= day && day <= ValidTo;

    public bool IsExpired(DateOnly today) => Status == PassStatus.Approved && ValidTo < today;

    public bool IsOverdue(DateTimeOffset now) => Status == PassStatus.Submitted && ReviewDueAt is { } due && now > due;
}

public sealed class PassMaterial : IAudited
{
    public int Id { get; set; }
    public int PassId { get; set; }
    public MaterialKind Kind { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public long Size { get; set; }
    public byte[] Content { get; set; } = [];
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

public enum VisitStatus
{
    /// <summary>Reserved, not yet arrived.</summary>
    Booked,
    /// <summary>At the bay (checked in).</summary>
    CheckedIn,
    /// <summary>Left (checked out).</summary>
    Completed,
    Cancelled,
}

/// <summary>
/// A vehicle's use of a loading bay or free-stay parking area: a reservation of time slots (bays), or a walk-in
/// check-in; check-in and check-out times give the live occupancy and the overstay alerts.
/// </summary>
public sealed class BayVisit : IAudited, IEnterpriseOwned
{
    public int Id { get; set; }
    public int FacilityId { get; set; }
    public int? EnterpriseId { get; set; }
    public int? VehicleId { get; set; }
    public string Plate { get; set; } = "";
    /// <summary>Reserved start and end (null for walk-ins), Unix ms UTC.</summary>
    public long? SlotStartMs { get; set; }
    public long? SlotEndMs { get; set; }
    /// <summary>The space number held (1..Spaces), for reservations.</summary>
    public int? Space { get; set; }
    public VisitStatus Status { get; set; }
    public DateTimeOffset? CheckInAt { get; set; }
    public DateTimeOffset? CheckOutAt { get; set; }
    /// <summary>Free-stay parking: the vehicle qualifies for the free time-limited stay (green delivery vehicle).</summary>
    public bool FreeStay { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    int? IEnterpriseOwned.OwnerEnterpriseId => EnterpriseId;
}

/// <summary>
/// One reserved slot of one space of a bay: unique per (bay, slot start, space), so two reservations can never hold
/// the same space at the same time, whatever the number of app instances.
/// </summary>
public sealed class BaySlotClaim
{
    public long Id { get; set; }
    public int FacilityId { get; set; }
    public long SlotStartMs { get; set; }
    public int Space { get; set; }
    public int VisitId { get; set; }
}
