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
        var a = _ls.PropA.Reset(r).Add(r, 0, i).AddReversed(r, i + 1, j).AddSuffix(j + 1);
        return _ls.Delta(a, null);
    }

    public void Apply() => _ls.Apply(_ls.PropA, null);
}
