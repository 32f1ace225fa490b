namespace GreenFreight.Planning.Search.Operators;

/// <summary>2-opt* between two routes: the part after U and the part after V change routes
/// (U's route becomes its head up to U + V's tail; V's route its head up to V + U's tail). V may be a start depot.</summary>
internal sealed class SwapTails : INodeOperator
{
    readonly LocalSearch _ls;

    public SwapTails(LocalSearch ls) { _ls = ls; }

    public double Evaluate(Node u, Node v)
    {
        var ru = u.Route!;
        var rv = v.Route!;
        if (ru == rv) return 0;
        int iu = u.Idx, iv = v.Idx;
        if (iu >= ru.Count - 1 || iv >= rv.Count - 1 || iu < ru.FixedCount || iv < rv.FixedCount) return 0;
        if (iu == ru.Count - 2 && iv == rv.Count - 2) return 0; // both tails empty
        var a = _ls.PropA.Reset(ru).Add(ru, 0, iu).Add(rv, iv + 1, rv.Count - 1);
        var b = _ls.PropB.Reset(rv).Add(rv, 0, iv).Add(ru, iu + 1, ru.Count - 1);
        return _ls.Delta(a, b);
    }

    public void Apply() => _ls.Apply(_ls.PropA, _ls.PropB);
}
