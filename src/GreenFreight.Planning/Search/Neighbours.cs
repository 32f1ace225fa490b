using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Search;

/// <summary>Granular neighbourhoods: for each client, its k closest clients by a proximity that adds the waiting time and
/// the time warp that going from one to the other would cause (PyVRP / HGS-TW style), made symmetric.</summary>
public static class Neighbours
{
    public static int[][] Compute(ProblemData p, int k = 40, double waitWeight = 0.2, double timeWarpWeight = 1.0)
    {
        var n = p.Dim;
        var c0 = p.FirstClient;
        var nc = p.NumClients;
        var result = new int[n][];
        k = Math.Min(k, Math.Max(nc - 1, 0));
        var prox = new double[nc];
        var idx = new int[nc];
        for (var a = 0; a < nc; a++)
        {
            var i = c0 + a;
            for (var b = 0; b < nc; b++)
            {
                var j = c0 + b;
                idx[b] = j;
                if (i == j) { prox[b] = double.PositiveInfinity; continue; }
                prox[b] = Math.Min(Prox(p, i, j, waitWeight, timeWarpWeight), Prox(p, j, i, waitWeight, timeWarpWeight));
            }
            Array.Sort(prox, idx);
            var list = new int[k];
            Array.Copy(idx, list, k);
            result[i] = list;
        }
        for (var i = 0; i < c0; i++) result[i] = [];
        for (var i = p.FirstCharger; i < n; i++) result[i] = [];
        return result;
    }

    static double Prox(ProblemData p, int i, int j, double ww, double tw)
    {
        var d = p.Dist(i, j);
        var t = p.Dur(i, j);
        var early = p.TwEarly[i] + p.Service[i] + t;
        var late = p.TwLate[i] + p.Service[i] + t;
        var wait = Math.Max(p.TwEarly[j] - late, 0);
        var warp = Math.Max(early - p.TwLate[j], 0);
        if (double.IsNaN(wait) || double.IsInfinity(wait)) wait = 0;
        if (double.IsNaN(warp) || double.IsInfinity(warp)) warp = 0;
        return d + ww * wait + tw * warp;
    }
}
