using GreenFreight.Planning.Evaluation;
using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Search;

/// <summary>A visit in the local search: a client (one node per client) or a route's start or end depot.</summary>
internal sealed class Node
{
    public readonly int Loc;
    public SearchRoute? Route;
    public int Idx;
    public bool Fixed;

    public Node(int loc) { Loc = loc; }
    public bool IsDepot => Route is not null && (Idx == 0 || Idx == Route.Count - 1);
    public override string ToString() => $"{Loc}@{Route?.Index}:{Idx}";
}

/// <summary>
/// A route in the local search with prefix data for O(1) move evaluation: cumulative distance, load per dimension,
/// prize, and forward / backward duration segments.
/// </summary>
internal sealed class SearchRoute
{
    public readonly int Index, Type;
    readonly ProblemData _p;
    public Node[] Nodes;
    public int Count; // nodes including both depots
    public double[] CumDist, CumW, CumV, CumPrize;
    public DurationSegment[] Fwd, Bwd;
    public readonly DurationSegment StartSeg, EndSeg;
    public readonly int StartLoc, EndLoc;
    public readonly double CapW, CapV, MaxDuration;
    public int FixedCount;
    public double Cost;
    /// <summary>Cost minus its bound terms (duration cost, time penalties, extras): ≥ 0.</summary>
    public double Slack;
    public RouteStats Exact; // exact mode only
    public int LastModified = -1;
    public CircleSector Sector;

    public SearchRoute(ProblemData p, int index, int type)
    {
        _p = p; Index = index; Type = type;
        var vt = p.VehicleTypes[type];
        StartLoc = vt.StartDepot; EndLoc = vt.EndDepot;
        StartSeg = DurationSegment.Visit(0, Math.Max(vt.ShiftStart, p.TwEarly[StartLoc]), Math.Min(vt.ShiftEnd, p.TwLate[StartLoc]));
        EndSeg = DurationSegment.Visit(0, p.TwEarly[EndLoc], Math.Min(vt.ShiftEnd, p.TwLate[EndLoc]));
        CapW = vt.WeightCapacity * vt.MaxTrips; CapV = vt.VolumeCapacity * vt.MaxTrips; MaxDuration = vt.MaxDuration;
        var cap = 16;
        Nodes = new Node[cap];
        CumDist = new double[cap]; CumW = new double[cap]; CumV = new double[cap]; CumPrize = new double[cap];
        Fwd = new DurationSegment[cap]; Bwd = new DurationSegment[cap];
        Nodes[0] = new Node(StartLoc) { Route = this, Idx = 0 };
        Nodes[1] = new Node(EndLoc) { Route = this, Idx = 1 };
        Count = 2;
    }

    public int Size => Count - 2;
    public bool Empty => Count == 2;
    public Node this[int i] => Nodes[i];
    public Node StartDepot => Nodes[0];
    public Node EndDepot => Nodes[Count - 1];

    /// <summary>Duration segment of one node as seen from this route's vehicle type.</summary>
    public DurationSegment NodeSeg(int i)
    {
        if (i == 0) return StartSeg;
        if (i == Count - 1) return EndSeg;
        var loc = Nodes[i].Loc;
        return DurationSegment.Visit(_p.Service[loc], _p.TwEarly[loc], _p.TwLate[loc]);
    }

    /// <summary>Same end depot and end window: another route's suffix segment can be used as is.</summary>
    public bool SameEnd(SearchRoute other) => other.EndLoc == EndLoc && other.EndSeg.TwLate == EndSeg.TwLate && other.EndSeg.TwEarly == EndSeg.TwEarly;

    /// <summary>Replaces the clients (nodes are re-parented) and recomputes the prefix data.</summary>
    public void SetClients(List<Node> clients)
    {
        var n = clients.Count + 2;
        var start = Nodes[0];
        var endNode = Nodes[Count - 1];
        if (n > Nodes.Length)
        {
            var cap = Math.Max(n, Nodes.Length * 2);
            Nodes = new Node[cap];
            Nodes[0] = start;
            CumDist = new double[cap]; CumW = new double[cap]; CumV = new double[cap]; CumPrize = new double[cap];
            Fwd = new DurationSegment[cap]; Bwd = new DurationSegment[cap];
        }
        for (var i = 0; i < clients.Count; i++)
        {
            var nd = clients[i];
            nd.Route = this; nd.Idx = i + 1;
            Nodes[i + 1] = nd;
        }
        Count = n;
        Nodes[n - 1] = endNode;
        endNode.Idx = n - 1;
        Update();
    }

    public void Update()
    {
        var p = _p;
        var dim = p.Dim;
        CumDist[0] = 0; CumW[0] = 0; CumV[0] = 0; CumPrize[0] = 0;
        Fwd[0] = StartSeg;
        var prev = StartLoc;
        for (var i = 1; i < Count; i++)
        {
            var loc = Nodes[i].Loc;
            CumDist[i] = CumDist[i - 1] + p.Distance[prev * dim + loc];
            CumW[i] = CumW[i - 1] + (i < Count - 1 ? p.Weight[loc] : 0);
            CumV[i] = CumV[i - 1] + (i < Count - 1 ? p.Volume[loc] : 0);
            CumPrize[i] = CumPrize[i - 1] + (i < Count - 1 ? p.Prize[loc] : 0);
            Fwd[i] = DurationSegment.Merge(Fwd[i - 1], NodeSeg(i), p.Duration[prev * dim + loc]);
            prev = loc;
        }
        Bwd[Count - 1] = EndSeg;
        for (var i = Count - 2; i >= 0; i--)
            Bwd[i] = DurationSegment.Merge(NodeSeg(i), Bwd[i + 1], p.Duration[Nodes[i].Loc * dim + Nodes[i + 1].Loc]);
        Sector = default;
        var first = true;
        for (var i = 1; i < Count - 1; i++)
        {
            var a = CircleSector.Angle(p, StartLoc, Nodes[i].Loc);
            if (first) { Sector = new CircleSector(a); first = false; }
            else Sector.Extend(a);
        }
    }

    /// <summary>Duration segment of nodes [from, to] (O(to − from) unless a prefix or suffix).</summary>
    public DurationSegment Between(int from, int to)
    {
        if (from == 0) return Fwd[to];
        if (to == Count - 1) return Bwd[from];
        var p = _p;
        var seg = NodeSeg(from);
        for (var i = from + 1; i <= to; i++)
            seg = DurationSegment.Merge(seg, NodeSeg(i), p.Duration[Nodes[i - 1].Loc * p.Dim + Nodes[i].Loc]);
        return seg;
    }

    public override string ToString()
    {
        var s = new System.Text.StringBuilder($"R{Index}[");
        for (var i = 1; i < Count - 1; i++) s.Append(Nodes[i].Loc).Append(i < Count - 2 ? " " : "");
        return s.Append(']').ToString();
    }
}

/// <summary>Polar-angle sector of a route's clients around its depot (integer angles 0..65535), as in HGS's SWAP*.</summary>
internal struct CircleSector
{
    public int Start, End;

    public CircleSector(int a) { Start = a; End = a; }

    public static int Angle(ProblemData p, int depot, int loc)
    {
        var a = Math.Atan2(p.Y[loc] - p.Y[depot], p.X[loc] - p.X[depot]);
        return (int)(32768 + a * 32768 / Math.PI) & 65535;
    }

    static int Pos(int x) => x & 65535;

    public readonly bool Contains(int a) => Pos(a - Start) <= Pos(End - Start);

    public void Extend(int a)
    {
        if (Contains(a)) return;
        if (Pos(a - End) <= Pos(Start - a)) End = a; else Start = a;
    }

    public static bool Overlap(in CircleSector x, in CircleSector y, int tolerance)
    {
        return Pos(y.Start - x.Start) <= Pos(x.End - x.Start) + tolerance || Pos(x.Start - y.Start) <= Pos(y.End - y.Start) + tolerance;
    }
}
