using GreenFreight.Domain.Registry;
using NetTopologySuite.Geometries;

namespace GreenFreight.Domain.Seed;

/// <summary>Generated demo registry records. Ids are 0 and navigation properties point at the generated enterprises.</summary>
public sealed class DemoDataSet
{
    public List<Enterprise> Enterprises { get; init; } = [];
    public List<Facility> Facilities { get; init; } = [];
    public List<Vehicle> Vehicles { get; init; } = [];
    public List<RetailOutlet> Outlets { get; init; } = [];
}

/// <summary>
/// Deterministic demo data for Linzi: fictional enterprises, facilities, vehicles and central-area outlets, all marked
/// <c>IsDemo</c>. Tuned so that on <see cref="ReferenceDate"/> three of Linzi's six targets are met (terminal stations,
/// on-road bays, AAA enterprises) and three are not (vehicle-to-pile ratio, common delivery share, pilot platforms).
/// </summary>
public static class LinziDemoData
{
    /// <summary>The "today" the demo data is tuned for; no generated date lies after it.</summary>
    public static readonly DateOnly ReferenceDate = new(2026, 11, 24);

    /// <summary>
    /// Generates the demo records. Pure and deterministic: the same outline and seed give the same records.
    /// Every point and polygon vertex lies strictly inside <paramref name="districtOutline"/> (WGS-84 lon/lat).
    /// </summary>
    public static DemoDataSet Generate(Geometry districtOutline, int seed = 370305)
    {
        ArgumentNullException.ThrowIfNull(districtOutline);
        if (districtOutline.IsEmpty) throw new ArgumentException("The district outline is empty.", nameof(districtOutline));
        return new Generator(districtOutline, seed).Run();
    }

    sealed class Generator(Geometry outline, int seed)
    {
        readonly Random _rng = new(seed);
        readonly DemoDataSet _set = new();
        readonly HashSet<string> _used = [];

        static readonly DateOnly Today = ReferenceDate;
        static DateOnly D(int y, int m, int d) => new(y, m, d);

        // Approximate anchors (lon, lat) of the urban core and of each town/street's seat.
        const double CoreLon = 118.300, CoreLat = 36.822;
        static readonly (string Town, double Lon, double Lat)[] UrbanStreets =
        [
            ("辛店街道", 118.305, 36.815), ("稷下街道", 118.285, 36.830), ("闻韶街道", 118.320, 36.835),
            ("雪宫街道", 118.300, 36.845), ("齐陵街道", 118.318, 36.797),
        ];
        static readonly Dictionary<string, (double Lon, double Lat)> TownSeats = new()
        {
            ["齐都镇"] = (118.350, 36.870), ["皇城镇"] = (118.480, 36.960), ["敬仲镇"] = (118.420, 37.080),
            ["朱台镇"] = (118.380, 37.020), ["凤凰镇"] = (118.360, 36.965), ["金岭回族镇"] = (118.265, 36.825),
            ["金山镇"] = (118.325, 36.785),
        };

        static readonly string[] Roads =
        [
            "桓公路", "齐兴路", "晏婴路", "牛山路", "闻韶路", "雪宫路", "天齐路", "管仲路", "太公路", "康平路",
            "齐园路", "临淄大道", "遄台路", "宣王路", "稷下路", "大顺路",
        ];

        // Enterprises by role, filled in MakeEnterprises.
        readonly List<(Enterprise E, int Weight)> _logistics = [], _couriers = [], _chains = [], _supermarkets = [], _wholesale = [];
        readonly Dictionary<Enterprise, string> _brand = [];
        Enterprise _hubOperator0 = null!, _hubOperator1 = null!, _supply = null!, _charging0 = null!, _charging1 = null!, _parking = null!;
        Enterprise _scm = null!, _jixia = null!, _coldChain = null!;

        public DemoDataSet Run()
        {
            MakeEnterprises();
            MakeFacilities();
            MakeVehicles();
            MakeOutlets();
            return _set;
        }

        // ---------------------------------------------------------------- enterprises

        void MakeEnterprises()
        {
            Enterprise L(string name, int weight, string town, string road)
            {
                var e = Ent(name, EnterpriseKind.Logistics, town, road);
                _logistics.Add((e, weight));
                return e;
            }

            _scm = L("淄博齐都供应链管理有限公司", 6, "齐都镇", "齐兴路");
            _hubOperator1 = L("淄博鲁中物流产业园运营管理有限公司", 5, "朱台镇", "临淄大道");
            _hubOperator0 = L("淄博齐正物流园管理有限公司", 5, "齐都镇", "桓公路");
            _jixia = L("淄博稷下物流有限公司", 4, "稷下街道", "稷下路");
            var huangong = L("临淄区桓公货运有限公司", 3, "辛店街道", "桓公路");
            _coldChain = L("山东齐润冷链物流有限公司", 4, "闻韶街道", "闻韶路");
            var linqi = L("淄博临齐物流有限公司", 3, "齐陵街道", "遄台路");
            var niushan = L("淄博牛山物流有限公司", 2, "齐陵街道", "牛山路");
            L("淄博恒达通物流有限公司", 2, "雪宫街道", "雪宫路");
            var qiyun = L("淄博齐运城市配送有限公司", 3, "辛店街道", "天齐路");
            L("淄博淄江物流有限公司", 2, "金岭回族镇", "大顺路");
            L("临淄区瑞通货运有限公司", 2, "皇城镇", "宣王路");
            L("淄博捷安城市配送有限公司", 2, "稷下街道", "康平路");
            L("淄博齐盛物流有限公司", 2, "凤凰镇", "太公路");

            Enterprise C(string name, int weight, string town, string road)
            {
                var e = Ent(name, EnterpriseKind.Courier, town, road);
                _couriers.Add((e, weight));
                return e;
            }
            var qijie = C("临淄齐捷快递服务有限公司", 6, "辛店街道", "晏婴路");
            var suda = C("临淄速达快递服务有限公司", 5, "稷下街道", "齐园路");
            var shuncheng = C("临淄顺诚快递服务有限公司", 4, "闻韶街道", "管仲路");
            C("临淄韵通快递服务有限公司", 4, "雪宫街道", "雪宫路");
            C("临淄邮达快递服务有限公司", 3, "齐陵街道", "桓公路");
            C("临淄稷下快递服务有限公司", 3, "稷下街道", "稷下路");
            C("临淄宝通快递服务有限公司", 2, "齐都镇", "齐兴路");
            C("临淄迅邦快递服务有限公司", 2, "辛店街道", "康平路");

            void R(string name, string brand, int weight, string town, string road)
            {
                var e = Ent(name, EnterpriseKind.RetailChain, town, road);
                _chains.Add((e, weight));
                _brand[e] = brand;
            }
            R("淄博齐鲜便利连锁有限公司", "齐鲜便利", 5, "辛店街道", "桓公路");
            R("淄博家佳乐商贸连锁有限公司", "家佳乐", 4, "稷下街道", "齐园路");
            R("临淄稷下优品便利店有限公司", "稷下优品", 3, "稷下街道", "稷下路");
            R("淄博惠邻生鲜连锁有限公司", "惠邻生鲜", 3, "闻韶街道", "闻韶路");
            R("淄博乐购邻便利连锁有限公司", "乐购邻便利", 2, "雪宫街道", "天齐路");
            R("临淄齐福超市连锁有限公司", "齐福超市", 2, "齐陵街道", "遄台路");

            void S(string name, string brand, int weight, string town, string road)
            {
                var e = Ent(name, EnterpriseKind.Supermarket, town, road);
                _supermarkets.Add((e, weight));
                _brand[e] = brand;
            }
            S("淄博万家福购物广场有限公司", "万家福购物广场", 3, "辛店街道", "临淄大道");
            S("临淄齐盛超市有限公司", "齐盛超市", 3, "稷下街道", "桓公路");
            S("淄博惠客多超市有限公司", "惠客多超市", 2, "闻韶街道", "晏婴路");
            S("临淄嘉年华购物中心有限公司", "嘉年华购物中心", 2, "雪宫街道", "齐兴路");
            S("淄博金鼎百货超市有限公司", "金鼎百货超市", 1, "辛店街道", "管仲路");

            Enterprise W(string name, int weight, string town, string road)
            {
                var e = Ent(name, EnterpriseKind.WholesaleMarket, town, road);
                _wholesale.Add((e, weight));
                return e;
            }
            W("淄博临淄齐鲁农产品批发市场有限公司", 3, "齐都镇", "齐兴路");
            W("临淄东方小商品批发市场管理有限公司", 2, "闻韶街道", "宣王路");
            W("淄博稷下蔬菜果品批发市场有限公司", 2, "稷下街道", "大顺路");

            _charging0 = Ent("淄博齐能新能源科技有限公司", EnterpriseKind.Other, "辛店街道", "齐园路");
            _charging1 = Ent("临淄绿驰充电服务有限公司", EnterpriseKind.Other, "雪宫街道", "太公路");
            _parking = Ent("淄博齐泊智慧停车管理有限公司", EnterpriseKind.Other, "辛店街道", "牛山路");
            _supply = Ent("淄博临淄供销惠民服务有限公司", EnterpriseKind.Other, "闻韶街道", "闻韶路");

            // China Federation of Logistics and Purchasing ratings.
            Rate(_scm, ALevel.AAAA, D(2024, 4, 16));
            Rate(_hubOperator1, ALevel.AAA, D(2025, 6, 18));
            Rate(_hubOperator0, ALevel.AA, D(2023, 8, 9));
            Rate(_jixia, ALevel.AA, D(2024, 11, 20));
            Rate(huangong, ALevel.A, D(2023, 5, 12));
            Rate(_coldChain, ALevel.A, D(2024, 9, 3));
            Rate(qijie, ALevel.AA, D(2024, 12, 10));

            // Pilot enterprises: 8 today, 6 of them with a connected platform.
            Pilot(_scm, D(2023, 3, 20), docked: D(2023, 9, 1));
            Pilot(_hubOperator0, D(2023, 3, 20), docked: D(2023, 10, 12));
            Pilot(_jixia, D(2023, 3, 20), docked: null, hasPlatform: true); // platform still in joint testing
            Pilot(qijie, D(2023, 6, 28), docked: D(2023, 12, 5));
            Pilot(_hubOperator1, D(2024, 1, 15), docked: D(2024, 6, 20));
            Pilot(suda, D(2024, 5, 10), docked: D(2024, 10, 8));
            Pilot(_coldChain, D(2024, 7, 22), docked: D(2025, 1, 15));
            Pilot(qiyun, D(2025, 3, 18), docked: null, hasPlatform: false); // no platform yet

            Pilot(niushan, D(2023, 3, 20), docked: null, hasPlatform: false);
            niushan.PilotStatus = PilotStatus.Revoked;
            niushan.PilotRevokedOn = D(2025, 4, 30);

            foreach (var (e, applied) in new[] { (linqi, D(2025, 10, 9)), (shuncheng, D(2026, 9, 14)) })
            {
                e.PilotStatus = PilotStatus.Applied;
                e.PilotAppliedOn = applied;
            }
        }

        Enterprise Ent(string name, EnterpriseKind kind, string town, string road)
        {
            var e = new Enterprise
            {
                Name = name,
                Kind = kind,
                Uscc = Uscc(),
                ContactName = PersonName(),
                ContactPhone = Mobile(),
                Address = $"淄博市临淄区{town}{road}{_rng.Next(1, 400)}号",
                IsDemo = true,
            };
            _set.Enterprises.Add(e);
            return e;
        }

        static void Rate(Enterprise e, ALevel level, DateOnly on)
        {
            e.Rating = level;
            e.RatingDate = on;
        }

        void Pilot(Enterprise e, DateOnly since, DateOnly? docked, bool hasPlatform = true)
        {
            e.PilotStatus = PilotStatus.Pilot;
            e.PilotAppliedOn = since.AddDays(-_rng.Next(30, 75));
            e.PilotSince = since;
            e.HasPlatform = hasPlatform || docked is not null;
            if (e.HasPlatform) e.PlatformUrl = $"https://tms{_set.Enterprises.IndexOf(e) + 1:00}.linzi-demo.example";
            e.DockingStatus = docked is not null ? DockingStatus.Connected : e.HasPlatform ? DockingStatus.Testing : DockingStatus.NotDocked;
            e.DockedSince = docked;
        }

        string Uscc()
        {
            var body = new char[8];
            while (true)
            {
                // Positions 9–17: an organisation code (GB 11714); new enterprises' codes start with "MA".
                if (_rng.NextDouble() < 0.7)
                {
                    body[0] = 'M'; body[1] = 'A'; body[2] = '3';
                    for (var i = 3; i < 8; i++) body[i] = DemoCodes.UsccAlphabet[_rng.Next(DemoCodes.UsccAlphabet.Length)];
                }
                else
                {
                    for (var i = 0; i < 8; i++) body[i] = (char)('0' + _rng.Next(10));
                }
                var first17 = "91370305" + new string(body) + DemoCodes.OrgCodeCheck(body);
                var code = first17 + Validation.Uscc.ComputeCheckCharacter(first17);
                if (_used.Add(code)) return code;
            }
        }

        static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "高", "林", "郑", "宋", "韩", "冯", "边", "崔", "毕", "于"];
        static readonly string[] Given = ["伟", "芳", "磊", "静", "强", "敏", "军", "丽", "涛", "燕", "鹏", "娜", "浩", "婷", "建国", "晓东", "海燕", "志强", "文博", "雪梅", "立新", "俊杰", "玉兰", "德胜"];
        static readonly string[] MobilePrefixes = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "195", "198", "199"];

        string PersonName() => Surnames[_rng.Next(Surnames.Length)] + Given[_rng.Next(Given.Length)];

        string Mobile() => MobilePrefixes[_rng.Next(MobilePrefixes.Length)] + Digits(8);

        string Digits(int n)
        {
            Span<char> s = stackalloc char[n];
            for (var i = 0; i < n; i++) s[i] = (char)('0' + _rng.Next(10));
            return new string(s);
        }

        Enterprise PickWeighted(List<(Enterprise E, int Weight)> list)
        {
            var total = list.Sum(x => x.Weight);
            var r = _rng.Next(total);
            foreach (var (e, w) in list)
            {
                if (r < w) return e;
                r -= w;
            }
            return list[^1].E;
        }

        // ---------------------------------------------------------------- geometry

        static double KmPerDegLat => 111.2;
        static double KmPerDegLon(double lat) => 111.32 * Math.Cos(lat * Math.PI / 180);

        Point Pt(double lon, double lat) => new(Math.Round(lon, 6), Math.Round(lat, 6)) { SRID = 4326 };

        (double, double) Gauss2()
        {
            var u1 = 1.0 - _rng.NextDouble();
            var u2 = _rng.NextDouble();
            var r = Math.Sqrt(-2.0 * Math.Log(u1));
            return (r * Math.Cos(2 * Math.PI * u2), r * Math.Sin(2 * Math.PI * u2));
        }

        /// <summary>A point near (lon, lat), normally distributed with <paramref name="sigmaKm"/>, strictly inside the outline.</summary>
        Point Near(double lon, double lat, double sigmaKm)
        {
            for (var i = 0; i < 500; i++)
            {
                var (gx, gy) = Gauss2();
                var p = Pt(lon + gx * sigmaKm / KmPerDegLon(lat), lat + gy * sigmaKm / KmPerDegLat);
                if (outline.Contains(p)) return p;
            }
            return Anywhere();
        }

        /// <summary>Fallback when an anchor is not inside the given outline: uniform rejection sampling over its envelope.</summary>
        Point Anywhere()
        {
            var env = outline.EnvelopeInternal;
            for (var i = 0; i < 100_000; i++)
            {
                var p = Pt(env.MinX + _rng.NextDouble() * env.Width, env.MinY + _rng.NextDouble() * env.Height);
                if (outline.Contains(p)) return p;
            }
            throw new InvalidOperationException("Could not find a point inside the district outline.");
        }

        Point NearCore(double sigmaKm) => Near(CoreLon, CoreLat, sigmaKm);

        Point NearTown(string town, double sigmaKm)
        {
            var seat = UrbanStreets.FirstOrDefault(s => s.Town == town) is { Town: not null } u ? (u.Lon, u.Lat) : TownSeats[town];
            return Near(seat.Item1, seat.Item2, sigmaKm);
        }

        Point NearPoint(Point p, double sigmaKm) => Near(p.X, p.Y, sigmaKm);

        /// <summary>The urban street whose seat is nearest to <paramref name="p"/>.</summary>
        static string StreetOf(Point p) =>
            UrbanStreets.MinBy(s => Math.Pow((s.Lon - p.X) * KmPerDegLon(p.Y), 2) + Math.Pow((s.Lat - p.Y) * KmPerDegLat, 2)).Town;

        /// <summary>A rotated rectangular site of about <paramref name="widthM"/> × <paramref name="heightM"/> around a point near the anchor.</summary>
        (Polygon Area, Point Centre) Site(double lon, double lat, double widthM, double heightM)
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var c = Near(lon, lat, attempt < 100 ? 0.3 : 3.0);
                var angle = (_rng.NextDouble() * 40 - 20) * Math.PI / 180;
                var (hw, hh) = (widthM / 2000, heightM / 2000); // km
                var corners = new[] { (-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh), (-hw, -hh) }
                    .Select(v =>
                    {
                        var x = v.Item1 * Math.Cos(angle) - v.Item2 * Math.Sin(angle);
                        var y = v.Item1 * Math.Sin(angle) + v.Item2 * Math.Cos(angle);
                        return new Coordinate(Math.Round(c.X + x / KmPerDegLon(c.Y), 6), Math.Round(c.Y + y / KmPerDegLat, 6));
                    }).ToArray();
                var poly = new Polygon(new LinearRing(corners)) { SRID = 4326 };
                if (corners.All(k => outline.Contains(Pt(k.X, k.Y))) && outline.Contains(poly))
                    return (poly, c);
            }
            throw new InvalidOperationException("Could not place a site inside the district outline.");
        }

        // ---------------------------------------------------------------- facilities

        Facility Fac(string name, FacilityKind kind, Point? location, string address, Enterprise? op,
            DateOnly? planned, DateOnly? building, DateOnly? operating, DateOnly? closed = null)
        {
            if (!_used.Add("facility:" + name)) throw new InvalidOperationException($"Duplicate facility name {name}.");
            var f = new Facility
            {
                Name = name,
                Kind = kind,
                Location = location,
                Address = address,
                OperatorEnterprise = op,
                PlannedOn = planned,
                BuildingFrom = building,
                OperatingFrom = operating,
                ClosedOn = closed,
                IsDemo = true,
            };
            f.Status = f.StatusOn(Today);
            _set.Facilities.Add(f);
            return f;
        }

        string Addr(string town, string road) => $"淄博市临淄区{town}{road}{_rng.Next(1, 300)}号";

        DateOnly Before(DateOnly d, int minDays, int maxDays) => d.AddDays(-_rng.Next(minDays, maxDays + 1));

        void MakeFacilities()
        {
            // Freight hubs (干支衔接型货运枢纽) named in the plan.
            var (area0, c0) = Site(118.345, 36.880, 650, 450);
            var hub0 = Fac("齐鲁正本物流园", FacilityKind.FreightHub, c0, Addr("齐都镇", "齐兴路"), _hubOperator0,
                D(2016, 9, 1), D(2017, 3, 15), D(2019, 6, 28));
            hub0.Area = area0;
            hub0.Notes = "干线运输、甩挂运输、仓储集散";
            var (area1, c1) = Site(118.400, 36.930, 700, 500);
            var hub1 = Fac("鲁中现代综合物流产业集聚园", FacilityKind.FreightHub, c1, Addr("朱台镇", "临淄大道"), _hubOperator1,
                D(2020, 11, 1), D(2021, 4, 12), D(2023, 8, 18));
            hub1.Area = area1;
            hub1.Notes = "干线运输、仓储集散、城市配送";

            // Public distribution centres (公共配送中心).
            var dc0 = Fac("临淄区齐鲁正本公共配送中心", FacilityKind.DistributionCenter, NearPoint(c0, 0.4), Addr("齐都镇", "齐兴路"), _scm,
                D(2022, 6, 1), D(2022, 9, 20), D(2023, 5, 16));
            var dc1 = Fac("临淄区稷下公共配送中心", FacilityKind.DistributionCenter, NearTown("稷下街道", 0.8), Addr("稷下街道", "稷下路"), _jixia,
                D(2022, 12, 1), D(2023, 3, 6), D(2023, 11, 8));
            var dc2 = Fac("临淄区农产品公共配送中心", FacilityKind.DistributionCenter, NearTown("齐都镇", 1.0), Addr("齐都镇", "大顺路"), _wholesale[0].E,
                D(2023, 6, 1), D(2023, 10, 9), D(2024, 7, 1));
            var dc3 = Fac("临淄区电商快递公共配送中心", FacilityKind.DistributionCenter, NearTown("闻韶街道", 1.0), Addr("闻韶街道", "宣王路"), _couriers[0].E,
                D(2025, 3, 20), D(2025, 9, 10), null);
            dc3.Notes = "在建，计划2027年投入运营";

            // Terminal common-distribution stations (末端共同配送站): 11 operating today, 1 under construction.
            (string Town, string Place, Enterprise Op, DateOnly Opened)[] stations =
            [
                ("辛店街道", "桓公社区", _couriers[0].E, D(2023, 4, 18)),
                ("稷下街道", "齐园社区", _couriers[1].E, D(2023, 7, 6)),
                ("闻韶街道", "晏婴社区", _supply, D(2023, 10, 20)),
                ("雪宫街道", "雪宫社区", _couriers[3].E, D(2024, 3, 12)),
                ("齐陵街道", "齐陵社区", _couriers[4].E, D(2024, 5, 28)),
                ("辛店街道", "商务区", _couriers[2].E, D(2024, 8, 16)),
                ("齐都镇", "驻地", _supply, D(2024, 9, 10)),
                ("皇城镇", "驻地", _supply, D(2025, 1, 15)),
                ("朱台镇", "驻地", _couriers[5].E, D(2025, 4, 22)),
                ("凤凰镇", "驻地", _couriers[6].E, D(2025, 8, 30)),
                ("敬仲镇", "驻地", _supply, D(2026, 3, 18)),
            ];
            foreach (var (town, place, op, opened) in stations)
            {
                var urban = UrbanStreets.Any(s => s.Town == town);
                Fac($"临淄区{town}{place}末端共同配送站", FacilityKind.TerminalStation, NearTown(town, urban ? 0.8 : 0.6),
                    Addr(town, Roads[_rng.Next(Roads.Length)]), op, Before(opened, 120, 200), Before(opened, 30, 90), opened);
            }
            var building = Fac("临淄区金岭回族镇驻地末端共同配送站", FacilityKind.TerminalStation, NearTown("金岭回族镇", 0.6),
                Addr("金岭回族镇", "大顺路"), _couriers[7].E, D(2026, 5, 10), D(2026, 8, 3), null);
            building.Notes = "在建";

            MakeChargers(c0, c1, dc1, dc2, dc3);
            MakeBays(dc0);
            MakeFreeParking();
        }

        void MakeChargers(Point hub0, Point hub1, Facility dc1, Facility dc2, Facility dc3)
        {
            // Stations open to NEV delivery vehicles: 60 piles in operation today.
            (string Name, Point Where, string Town, string Road, Enterprise Op, int Piles, decimal Kw, bool Public, DateOnly Opened)[] logistics =
            [
                ("齐鲁正本物流园物流车充电站", NearPoint(hub0, 0.2), "齐都镇", "齐兴路", _hubOperator0, 12, 60, false, D(2022, 5, 10)),
                ("鲁中现代综合物流产业集聚园充电站", NearPoint(hub1, 0.2), "朱台镇", "临淄大道", _hubOperator1, 10, 120, false, D(2023, 9, 1)),
                ("临淄区稷下公共配送中心充电站", NearPoint(dc1.Location!, 0.1), "稷下街道", "稷下路", _jixia, 8, 60, false, D(2023, 11, 8)),
                ("临淄区桓公路物流车公共充电站", NearTown("辛店街道", 0.8), "辛店街道", "桓公路", _charging0, 8, 30, true, D(2024, 4, 20)),
                ("临淄区农产品公共配送中心充电站", NearPoint(dc2.Location!, 0.1), "齐都镇", "大顺路", _wholesale[0].E, 6, 60, false, D(2024, 7, 1)),
                ("临淄区齐兴路新能源物流车充电站", NearTown("雪宫街道", 0.8), "雪宫街道", "齐兴路", _charging1, 6, 120, true, D(2024, 10, 15)),
                ("临淄区闻韶街道快递车辆充电站", NearTown("闻韶街道", 0.6), "闻韶街道", "闻韶路", _couriers[1].E, 4, 7, false, D(2025, 3, 5)),
                ("临淄区齐陵街道物流车公共充电站", NearTown("齐陵街道", 0.6), "齐陵街道", "遄台路", _charging0, 4, 30, true, D(2025, 9, 12)),
                ("临淄区齐都镇物流车充电站", NearTown("齐都镇", 0.8), "齐都镇", "齐兴路", _charging1, 2, 60, true, D(2026, 5, 20)),
            ];
            foreach (var (name, where, town, road, op, piles, kw, isPublic, opened) in logistics)
                Charger(name, where, town, road, op, piles, kw, isPublic, true, Before(opened, 60, 150), Before(opened, 20, 50), opened);

            // Not open to logistics vehicles (passenger cars only), and one planned.
            Charger("临淄区太公广场地下停车场充电站", NearTown("辛店街道", 0.6), "辛店街道", "太公路", _charging0, 10, 120, true, false,
                D(2022, 11, 1), D(2023, 2, 1), D(2023, 6, 30)).Notes = "地下车库限高2.2米，不对物流车辆开放";
            Charger("临淄区齐园社区居民充电站", NearTown("稷下街道", 0.6), "稷下街道", "齐园路", _charging1, 6, 7, false, false,
                D(2024, 2, 1), D(2024, 3, 1), D(2024, 4, 18)).Notes = "小区内部充电桩";
            Charger("临淄区电商快递公共配送中心充电站", NearPoint(dc3.Location!, 0.1), "闻韶街道", "宣王路", _couriers[0].E, 8, 60, false, true,
                D(2025, 9, 10), null, null).Notes = "随公共配送中心同步建设（地下停车位预留）";
        }

        Facility Charger(string name, Point where, string town, string road, Enterprise op, int piles, decimal kw, bool isPublic, bool logistics,
            DateOnly planned, DateOnly? building, DateOnly? opened)
        {
            var f = Fac(name, FacilityKind.ChargingStation, where, Addr(town, road), op, planned, building, opened);
            f.PileCount = piles;
            f.PilePowerKw = kw;
            f.IsPublic = isPublic;
            f.AvailableToLogisticsNev = logistics;
            return f;
        }

        static readonly (TimeOnly From, TimeOnly To)[] BayHours =
        [
            (new(6, 0), new(22, 0)), (new(6, 0), new(22, 0)), (new(7, 0), new(21, 0)), (new(6, 0), new(20, 0)), (new(9, 0), new(16, 30)),
        ];
        static readonly int[] BayStays = [20, 30, 30, 45, 60];

        void MakeBays(Facility dc0)
        {
            string RoadPair(out string road, out string cross)
            {
                while (true)
                {
                    road = Roads[_rng.Next(Roads.Length)];
                    cross = Roads[_rng.Next(Roads.Length)];
                    var name = $"{road}（{cross}路口）装卸泊位";
                    if (road != cross && !_used.Contains("facility:" + name)) return name;
                }
            }

            Facility Bay(BayPlacement placement, int spaces, string name, Point where, string address, Enterprise? op,
                DateOnly planned, DateOnly? building, DateOnly? opened, DateOnly? closed = null)
            {
                var f = Fac(name, FacilityKind.LoadingBay, where, address, op, planned, building, opened, closed);
                f.Placement = placement;
                f.Spaces = spaces;
                f.MaxStayMinutes = BayStays[_rng.Next(BayStays.Length)];
                (f.OpenFrom, f.OpenTo) = BayHours[_rng.Next(BayHours.Length)];
                return f;
            }

            Facility OnRoad(int spaces, DateOnly planned, DateOnly? building, DateOnly? opened, DateOnly? closed = null)
            {
                var name = RoadPair(out var road, out var cross);
                var where = NearCore(1.3);
                return Bay(BayPlacement.OnRoad, spaces, name, where, $"淄博市临淄区{StreetOf(where)}{road}与{cross}交叉口", null,
                    planned, building, opened, closed);
            }

            // On-road bays: 26 in operation today (9 of them with 2 spaces: 35 spaces), opened one by one from 2023-09.
            const int operating = 26;
            var doubles = Enumerable.Range(0, operating).OrderBy(_ => _rng.Next()).Take(9).ToHashSet();
            for (var i = 0; i < operating; i++)
            {
                var opened = D(2023, 9, 15).AddDays(i * 40 + _rng.Next(0, 21));
                OnRoad(doubles.Contains(i) ? 2 : 1, Before(opened, 60, 120), Before(opened, 7, 30), opened);
            }
            OnRoad(1, D(2026, 7, 20), D(2026, 11, 2), null).Notes = "施划中";
            OnRoad(1, D(2026, 9, 25), null, null).Notes = "规划中";
            var moved = D(2023, 10, 20).AddDays(_rng.Next(0, 15));
            OnRoad(2, Before(moved, 60, 90), Before(moved, 7, 20), moved, D(2025, 5, 20)).Notes = "因道路改造撤销";

            // Off-road bays at supermarkets, markets and distribution centres.
            var offRoad = new List<(string Name, Point Where, string? Town, string Road, Enterprise Op, int Spaces)>
            {
                ($"{_brand[_supermarkets[0].E]}临淄大道店路外装卸泊位", NearCore(0.8), null, "临淄大道", _supermarkets[0].E, 6),
                ($"{_brand[_supermarkets[1].E]}桓公路店路外装卸泊位", NearCore(0.8), null, "桓公路", _supermarkets[1].E, 4),
                ($"{_brand[_supermarkets[3].E]}齐兴路店路外装卸泊位", NearCore(0.8), null, "齐兴路", _supermarkets[3].E, 3),
                ("临淄东方小商品批发市场路外装卸泊位", NearTown("闻韶街道", 0.6), "闻韶街道", "宣王路", _wholesale[1].E, 5),
                ("临淄区齐鲁正本公共配送中心路外装卸泊位", NearPoint(dc0.Location!, 0.1), "齐都镇", "齐兴路", _scm, 6),
                ("淄博稷下蔬菜果品批发市场路外装卸泊位", NearTown("稷下街道", 0.6), "稷下街道", "大顺路", _wholesale[2].E, 2),
            };
            foreach (var (name, where, town, road, op, spaces) in offRoad)
            {
                var opened = D(2023, 6, 1).AddDays(_rng.Next(0, 900));
                Bay(BayPlacement.OffRoad, spaces, name, where, Addr(town ?? StreetOf(where), road), op,
                    Before(opened, 60, 120), Before(opened, 7, 30), opened);
            }
        }

        void MakeFreeParking()
        {
            (string Name, string Road, int Spaces, int Stay, BayPlacement Placement, DateOnly Opened)[] areas =
            [
                ("临淄区齐园路智慧停车场配送车辆免费限时停放区", "齐园路", 20, 60, BayPlacement.OffRoad, D(2024, 3, 1)),
                ("临淄区桓公路路内智慧停车配送车辆免费限时停放区", "桓公路", 12, 30, BayPlacement.OnRoad, D(2024, 9, 1)),
                ("临淄区闻韶路路内智慧停车配送车辆免费限时停放区", "闻韶路", 10, 30, BayPlacement.OnRoad, D(2025, 4, 1)),
                ("临淄区太公广场智慧停车场配送车辆免费限时停放区", "太公路", 30, 120, BayPlacement.OffRoad, D(2025, 10, 1)),
            ];
            foreach (var (name, road, spaces, stay, placement, opened) in areas)
            {
                var where = NearCore(1.0);
                var f = Fac(name, FacilityKind.FreeParking, where, Addr(StreetOf(where), road), _parking,
                    Before(opened, 60, 120), Before(opened, 10, 30), opened);
                f.Placement = placement;
                f.Spaces = spaces;
                f.MaxStayMinutes = stay;
                (f.OpenFrom, f.OpenTo) = (new TimeOnly(7, 0), new TimeOnly(21, 0));
                f.Notes = "智慧停车项目范围内绿色配送车辆免费限时停放";
            }
        }

        // ---------------------------------------------------------------- vehicles

        // (class, energy, count, retired). BEV + PHEV trucks: 226, of which 10 retired → 216 in service today.
        static readonly (VehicleClass Class, EnergyType Energy, int Count, int Retired)[] Fleet =
        [
            (VehicleClass.MicroTruck, EnergyType.Bev, 150, 5),
            (VehicleClass.MicroTruck, EnergyType.Gasoline, 95, 6),
            (VehicleClass.MicroTruck, EnergyType.Cng, 12, 1),
            (VehicleClass.LightTruck, EnergyType.Bev, 46, 3),
            (VehicleClass.LightTruck, EnergyType.Phev, 22, 2),
            (VehicleClass.LightTruck, EnergyType.Fcev, 4, 0),
            (VehicleClass.LightTruck, EnergyType.Diesel, 204, 8),
            (VehicleClass.LightTruck, EnergyType.Gasoline, 14, 1),
            (VehicleClass.LightTruck, EnergyType.Cng, 8, 0),
            (VehicleClass.MediumTruck, EnergyType.Bev, 6, 0),
            (VehicleClass.MediumTruck, EnergyType.Fcev, 2, 0),
            (VehicleClass.MediumTruck, EnergyType.Diesel, 28, 2),
            (VehicleClass.MediumTruck, EnergyType.Lng, 4, 0),
            (VehicleClass.HeavyTruck, EnergyType.Diesel, 12, 1),
            (VehicleClass.HeavyTruck, EnergyType.Lng, 3, 0),
            (VehicleClass.Pickup, EnergyType.Diesel, 25, 1),
            (VehicleClass.Pickup, EnergyType.Gasoline, 20, 1),
            (VehicleClass.Special, EnergyType.Diesel, 8, 0),
            (VehicleClass.Special, EnergyType.Bev, 2, 0),
            (VehicleClass.Tricycle, EnergyType.Bev, 100, 3),
            (VehicleClass.Tricycle, EnergyType.Gasoline, 10, 4),
            (VehicleClass.LowSpeed, EnergyType.Diesel, 25, 5),
        ];

        static readonly int[] NevYearWeights = [4, 10, 20, 26, 25, 15];   // 2021…2026
        static readonly int[] FuelYearWeights = [30, 28, 20, 12, 7, 3];

        const string PlateLetters = "ABCDEFGHJKLMNPQRSTUVWXYZ"; // no I, O
        const string PlateChars = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

        readonly Dictionary<int, int> _courierSeq = [];

        void MakeVehicles()
        {
            var slots = new List<(VehicleClass Class, EnergyType Energy, bool Retired)>();
            foreach (var (cls, energy, count, retired) in Fleet)
                for (var i = 0; i < count; i++) slots.Add((cls, energy, i < retired));
            // Fisher–Yates shuffle so owners and dates interleave.
            for (var i = slots.Count - 1; i > 0; i--)
            {
                var j = _rng.Next(i + 1);
                (slots[i], slots[j]) = (slots[j], slots[i]);
            }
            foreach (var (cls, energy, retired) in slots)
                _set.Vehicles.Add(MakeVehicle(cls, energy, retired));
        }

        Vehicle MakeVehicle(VehicleClass cls, EnergyType energy, bool retired)
        {
            DateOnly from;
            DateOnly? to = null;
            if (retired)
            {
                from = D(2021, 1, 4).AddDays(_rng.Next(0, 700));
                var latest = Today.DayNumber - 7 - from.DayNumber;
                to = from.AddDays(_rng.Next(Math.Min(400, latest), latest + 1));
            }
            else
            {
                var weights = energy.IsNewEnergy() ? NevYearWeights : FuelYearWeights;
                var r = _rng.Next(weights.Sum());
                var y = 0;
                while (r >= weights[y]) r -= weights[y++];
                var start = D(2021 + y, 1, 1);
                var end = y == 5 ? Today.AddDays(-4) : D(2021 + y, 12, 31);
                from = start.AddDays(_rng.Next(0, end.DayNumber - start.DayNumber + 1));
            }

            var (gross, length) = Size(cls);
            var owner = Owner(cls);
            var cold = cls == VehicleClass.Special
                || cls is VehicleClass.LightTruck or VehicleClass.MediumTruck
                    && owner?.Kind is EnterpriseKind.Logistics or EnterpriseKind.Supermarket or EnterpriseKind.WholesaleMarket
                    && _rng.NextDouble() < (owner == _coldChain ? 0.6 : 0.09)
                || cls == VehicleClass.MicroTruck && owner?.Kind is EnterpriseKind.Supermarket or EnterpriseKind.RetailChain && _rng.NextDouble() < 0.04;

            var v = new Vehicle
            {
                Plate = Plate(cls, energy, gross),
                Vin = Vin(cls, energy, from.Year),
                Class = cls,
                Energy = energy,
                GrossWeightKg = gross,
                LengthMm = length,
                Emission = Emission(cls, energy, from),
                ColdChain = cold,
                OwnerEnterprise = owner,
                InServiceFrom = from,
                InServiceTo = to,
                TerminalPhone = _rng.NextDouble() < 0.7 ? TerminalPhone() : null,
                IsDemo = true,
            };
            if (owner?.Kind == EnterpriseKind.Courier)
            {
                var seq = _courierSeq[from.Year] = _courierSeq.GetValueOrDefault(from.Year) + 1;
                v.CourierNumber = $"LZKD-{from.Year}-{seq:0000}";
                v.RfidTag = Unique("rfid:", () => "E280" + Hex(20));
            }
            return v;
        }

        (int Gross, int Length) Size(VehicleClass cls)
        {
            int R(int min, int max, int step) => min + _rng.Next((max - min) / step + 1) * step;
            return cls switch
            {
                VehicleClass.MicroTruck => (R(1450, 1800, 5), R(3800, 4850, 5)),
                VehicleClass.LightTruck => (R(2490, 4495, 5), R(4860, 5995, 5)),
                VehicleClass.MediumTruck => (R(7200, 12000, 20), R(6500, 8995, 5)),
                VehicleClass.HeavyTruck => _rng.Next(3) switch { 0 => (18000, R(8500, 9995, 5)), 1 => (25000, R(9500, 11995, 5)), _ => (31000, R(10500, 12000, 5)) },
                VehicleClass.Pickup => (R(2450, 3300, 5), R(5200, 5600, 5)),
                VehicleClass.Special => _rng.Next(3) == 0 ? (R(7300, 9000, 20), R(6800, 8600, 5)) : (4495, R(5495, 5995, 5)),
                VehicleClass.Tricycle => (R(600, 1500, 10), R(2700, 3900, 10)),
                VehicleClass.LowSpeed => (R(2500, 4500, 10), R(4200, 5990, 10)),
                _ => (R(2000, 4495, 5), R(4500, 5995, 5)),
            };
        }

        Enterprise? Owner(VehicleClass cls)
        {
            var r = _rng.NextDouble();
            return cls switch
            {
                VehicleClass.Tricycle => r < 0.85 ? PickWeighted(_couriers) : PickWeighted(_chains),
                VehicleClass.LowSpeed => r < 0.4 ? PickWeighted(_wholesale) : r < 0.7 ? PickWeighted(_logistics) : PickWeighted(_chains),
                VehicleClass.MicroTruck => r < 0.4 ? PickWeighted(_couriers) : r < 0.65 ? PickWeighted(_logistics)
                    : r < 0.85 ? PickWeighted(_chains) : r < 0.97 ? PickWeighted(_supermarkets) : null,
                VehicleClass.LightTruck => r < 0.5 ? PickWeighted(_logistics) : r < 0.65 ? PickWeighted(_couriers)
                    : r < 0.75 ? PickWeighted(_chains) : r < 0.85 ? PickWeighted(_supermarkets) : r < 0.95 ? PickWeighted(_wholesale) : null,
                VehicleClass.MediumTruck or VehicleClass.HeavyTruck => r < 0.9 ? PickWeighted(_logistics) : PickWeighted(_wholesale),
                VehicleClass.Pickup => r < 0.3 ? PickWeighted(_logistics) : r < 0.6 ? PickWeighted(_wholesale) : r < 0.8 ? PickWeighted(_chains) : null,
                VehicleClass.Special => r < 0.6 ? _coldChain : r < 0.8 ? PickWeighted(_supermarkets) : PickWeighted(_wholesale),
                _ => PickWeighted(_logistics),
            };
        }

        EmissionStandard Emission(VehicleClass cls, EnergyType energy, DateOnly from)
        {
            if (energy is EnergyType.Bev or EnergyType.Fcev) return EmissionStandard.NotApplicable;
            if (energy == EnergyType.Phev) return EmissionStandard.ChinaVI;
            if (cls is VehicleClass.Tricycle or VehicleClass.LowSpeed) return _rng.NextDouble() < 0.7 ? EmissionStandard.ChinaIV : EmissionStandard.ChinaIII;
            var heavyDiesel = cls is VehicleClass.MediumTruck or VehicleClass.HeavyTruck or VehicleClass.Special;
            if (heavyDiesel && from < D(2021, 7, 1)) return _rng.NextDouble() < 0.8 ? EmissionStandard.ChinaV : EmissionStandard.ChinaIV;
            return _rng.NextDouble() < (from.Year >= 2022 ? 0.95 : 0.8) ? EmissionStandard.ChinaVI : EmissionStandard.ChinaV;
        }

        string Plate(VehicleClass cls, EnergyType energy, int gross) => Unique("plate:", () =>
        {
            if (energy.IsNewEnergy())
            {
                var letter = energy == EnergyType.Bev ? 'D' : 'F';
                var large = gross >= 4500 || cls is VehicleClass.MediumTruck or VehicleClass.HeavyTruck;
                return large
                    ? "鲁C" + Digits(5) + letter
                    : "鲁C" + letter + PlateChars[_rng.Next(PlateChars.Length)] + Digits(4);
            }
            // Ordinary plate: five characters, at most two letters.
            Span<char> s = stackalloc char[5];
            for (var i = 0; i < 5; i++) s[i] = (char)('0' + _rng.Next(10));
            var letters = _rng.Next(3);
            for (var k = 0; k < letters; k++) s[_rng.Next(5)] = PlateLetters[_rng.Next(PlateLetters.Length)];
            return "鲁C" + new string(s);
        });

        static readonly string[] MicroWmi = ["LZW", "LS4", "LGX", "LJ1"];
        static readonly string[] LightWmi = ["LJ1", "LVB", "LGG", "LFW", "LGX", "LS4"];
        static readonly string[] HeavyWmi = ["LZZ", "LFW", "LGA"];
        static readonly string[] PickupWmi = ["LGW", "LS4", "LJ1"];
        static readonly string[] SmallWmi = ["LZS", "LWL"];

        string Vin(VehicleClass cls, EnergyType energy, int year) => Unique("vin:", () =>
        {
            var wmis = cls switch
            {
                VehicleClass.MicroTruck => MicroWmi,
                VehicleClass.LightTruck or VehicleClass.Special => LightWmi,
                VehicleClass.MediumTruck or VehicleClass.HeavyTruck => HeavyWmi,
                VehicleClass.Pickup => PickupWmi,
                _ => SmallWmi,
            };
            const string letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
            Span<char> vin = stackalloc char[17];
            wmis[_rng.Next(wmis.Length)].CopyTo(vin);
            vin[3] = letters[_rng.Next(letters.Length)];                      // model line
            vin[4] = energy.IsNewEnergy() ? 'E' : letters[_rng.Next(letters.Length)];
            for (var i = 5; i < 8; i++) vin[i] = DemoCodes.VinAlphabet[_rng.Next(DemoCodes.VinAlphabet.Length)];
            vin[8] = '0';
            vin[9] = DemoCodes.VinYear(Math.Min(year, 2026));
            vin[10] = DemoCodes.VinAlphabet[_rng.Next(DemoCodes.VinAlphabet.Length)]; // plant
            for (var i = 11; i < 17; i++) vin[i] = (char)('0' + _rng.Next(10));
            vin[8] = Validation.Vin.ComputeCheckDigit(vin);
            return new string(vin);
        });

        string TerminalPhone() => Unique("sim:", () => _rng.Next(2) == 0 ? "0138" + Digits(8) : "01" + (char)('3' + _rng.Next(7)) + Digits(9));

        string Hex(int n)
        {
            const string hex = "0123456789ABCDEF";
            Span<char> s = stackalloc char[n];
            for (var i = 0; i < n; i++) s[i] = hex[_rng.Next(16)];
            return new string(s);
        }

        string Unique(string space, Func<string> make)
        {
            while (true)
            {
                var value = make();
                if (_used.Add(space + value)) return value;
            }
        }

        // ---------------------------------------------------------------- outlets

        static readonly string[] OutletPlaces =
        [
            "桓公路", "齐兴路", "晏婴路", "牛山路", "闻韶路", "雪宫路", "天齐路", "管仲路", "太公路", "康平路", "齐园路", "临淄大道",
            "遄台路", "宣王路", "稷下路", "大顺路", "齐园", "雪宫", "稷下", "晏婴", "桓公", "闻韶", "齐陵", "太公广场",
        ];
        static readonly string[] IndependentStores = ["百姓", "惠民家", "一家人", "好邻里", "齐乐", "福满多", "鑫源", "邻家"];

        void MakeOutlets()
        {
            const int largeSupermarkets = 12, chainStores = 48;
            var outlets = new List<RetailOutlet>();
            for (var i = 0; i < largeSupermarkets + chainStores; i++)
            {
                var large = i < largeSupermarkets;
                var owner = large
                    ? (i < largeSupermarkets - 1 ? PickWeighted(_supermarkets) : null)
                    : (i < largeSupermarkets + chainStores - 6 ? PickWeighted(_chains) : null);
                string name, place;
                do
                {
                    place = OutletPlaces[_rng.Next(OutletPlaces.Length)];
                    name = owner is not null
                        ? $"{_brand[owner]}{place}店"
                        : large ? $"临淄{IndependentStores[_rng.Next(IndependentStores.Length)]}购物中心{place}店"
                        : $"{IndependentStores[_rng.Next(IndependentStores.Length)]}便利店{place}店";
                } while (!_used.Add("outlet:" + name));

                var where = NearCore(1.3);
                var opened = _rng.NextDouble() < 0.85
                    ? D(2010, 1, 1).AddDays(_rng.Next(0, 12 * 365))
                    : D(2022, 1, 1).AddDays(_rng.Next(0, D(2026, 9, 30).DayNumber - D(2022, 1, 1).DayNumber));
                outlets.Add(new RetailOutlet
                {
                    Name = name,
                    Type = large ? OutletType.LargeSupermarket : OutletType.ChainStore,
                    OwnerEnterprise = owner,
                    Address = $"淄博市临淄区{StreetOf(where)}{(Roads.Contains(place) ? place : Roads[_rng.Next(Roads.Length)])}{_rng.Next(1, 500)}号",
                    Location = where,
                    OpenedOn = opened,
                    IsDemo = true,
                });
            }

            // Two older chain stores closed; one of them had joined common delivery before closing.
            var older = outlets.Where(o => o.Type == OutletType.ChainStore && o.OpenedOn < D(2022, 1, 1)).OrderBy(_ => _rng.Next()).Take(2).ToList();
            older[0].ClosedOn = D(2024, 3, 1).AddDays(_rng.Next(0, 200));
            older[0].CommonDeliverySince = D(2023, 4, 1).AddDays(_rng.Next(0, 120));
            older[1].ClosedOn = D(2025, 1, 1).AddDays(_rng.Next(0, 300));

            // About 45 % of the outlets open today use common, centralised or night delivery.
            var open = outlets.Where(o => o.OpenOn(Today)).ToList();
            var adopters = open.OrderBy(_ => _rng.Next()).Take((int)Math.Round(open.Count * 0.45, MidpointRounding.AwayFromZero)).ToList();
            foreach (var o in adopters)
            {
                var earliest = DateOnly.FromDayNumber(Math.Max(o.OpenedOn!.Value.DayNumber, D(2023, 1, 1).DayNumber));
                var since = earliest.AddDays(_rng.Next(0, Math.Max(1, D(2026, 10, 31).DayNumber - earliest.DayNumber)));
                var r = _rng.NextDouble();
                if (o.Type == OutletType.LargeSupermarket)
                {
                    if (r < 0.5)
                    {
                        o.CentralisedDeliverySince = since;
                        o.NightDeliverySince = since.AddDays(_rng.Next(0, Math.Max(1, D(2026, 10, 31).DayNumber - since.DayNumber)));
                    }
                    else if (r < 0.8) o.CommonDeliverySince = since;
                    else o.NightDeliverySince = since;
                }
                else if (o.OwnerEnterprise is null) o.CommonDeliverySince = since;
                else if (r < 0.6) o.CentralisedDeliverySince = since;
                else if (r < 0.9) o.CommonDeliverySince = since;
                else
                {
                    o.CommonDeliverySince = since;
                    o.NightDeliverySince = since;
                }
            }
            _set.Outlets.AddRange(outlets);
        }
    }
}
