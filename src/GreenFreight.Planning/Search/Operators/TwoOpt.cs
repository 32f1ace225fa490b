namespace GreenFreight.Planning.Search.Operators;

/// <summary>2-opt within a route: the clients after U up to V are visited in reverse order.</summary>
internal sealed class TwoOpt : INodeOperator
{
    readonly LocalSearch _ls;

    public TwoOpt(LocalSearch ls) { _ls = ls; }

    public double Evaluate(Node u, Node v)
    {
        var r = u.Route!;
        if (v.Route != r) return 0;
        int i = u.Idx, j = v.Idx;
        if (i > j) (i, j) = (j, i);
        if (j - i < 2 || j >= r.Count - 1 || i < r.FixedCount) return 0;
        var p = _ls.P;
        if (p.SymmetricDistance)
        {
            int a0 = r.Nodes[i].Loc, a1 = r.Nodes[i + 1].Loc, b0 = r.Nodes[j].Loc, b1 = r.Nodes[j + 1].Loc;
            var dim = p.Dim;
            var delta = p.Distance[a0 * dim + b0] + p.Distance[a1 * dim + b1] - p.Distance[a0 * dim + a1] - p.Distance[b0 * dim + b1];
            if (_ls.Cost.CostPerDistance[r.Type] * delta - r.Slack >= 0) return 1;
        }
        var a = _ls.PropA.Reset(r).Add(r, 0, i).AddReversed(r, i + 1, j).AddSuffix(j + 1);
        return _ls.Delta(a, null);
    }

    public void Apply() => _ls.Apply(_ls.PropA, null);
}
