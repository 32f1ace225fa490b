namespace GreenFreight.Planning.Search;

/// <summary>A piece of a proposed route: nodes [From, To] of route R (reversed or not), or one unassigned client (R null).</summary>
internal struct Part
{
    public SearchRoute? R;
    public int From, To, Loc;
    public bool Reversed;
}

/// <summary>A proposed new content for route <see cref="Target"/>: a concatenation of parts of current routes. It is
/// evaluated (O(1) per part with prefix data, or exactly) and applied without touching the routes before.</summary>
internal sealed class Proposal
{
    public SearchRoute Target = null!;
    public readonly Part[] Parts = new Part[8];
    public int N;
    // Filled by the evaluation.
    public double Dist, W, V, Prize, LowerBound;
    public int Size;

    public Proposal Reset(SearchRoute target)
    {
        Target = target; N = 0;
        return this;
    }

    /// <summary>Nodes [from, to] of <paramref name="r"/>; nothing when from > to. A suffix of another route with a different
    /// end depot is cut before that depot and closed with the target's own end depot.</summary>
    public Proposal Add(SearchRoute r, int from, int to)
    {
        if (from > to) return this;
        if (to == r.Count - 1 && r != Target && !Target.SameEnd(r))
        {
            if (from <= to - 1) Parts[N++] = new Part { R = r, From = from, To = to - 1 };
            Parts[N++] = new Part { R = Target, From = Target.Count - 1, To = Target.Count - 1 };
            return this;
        }
        Parts[N++] = new Part { R = r, From = from, To = to };
        return this;
    }

    public Proposal AddReversed(SearchRoute r, int from, int to)
    {
        if (from > to) return this;
        Parts[N++] = new Part { R = r, From = from, To = to, Reversed = true };
        return this;
    }

    public Proposal AddClient(int loc)
    {
        Parts[N++] = new Part { Loc = loc };
        return this;
    }

    /// <summary>The rest of the target route from index <paramref name="from"/> to its end depot.</summary>
    public Proposal AddSuffix(int from) => Add(Target, from, Target.Count - 1);
}
