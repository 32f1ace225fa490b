using GreenFreight.Planning.Evaluation;
using GreenFreight.Planning.Model;

namespace GreenFreight.Planning.Genetic;

/// <summary>Adapts the penalties so that about <c>target</c> of the local-search outputs are feasible for each constraint
/// family (load, time), as in HGS / PyVRP.</summary>
internal sealed class PenaltyManager
{
    readonly CostEvaluator _ce;
    readonly double _target, _increase, _decrease;
    readonly int _between;
    int _n, _loadOk, _timeOk;
    const double Min = 1e-3, Max = 1e6;

    public PenaltyManager(ProblemData p, CostEvaluator ce, double target = 0.43, double increase = 1.34, double decrease = 0.7, int between = 25)
    {
        _ce = ce; _target = target; _increase = increase; _decrease = decrease; _between = between;
        // Start: one unit of excess costs about as much as an average arc from the depot.
        double dist = 0, dur = 0, w = 0, v = 0;
        for (var c = p.FirstClient; c < p.FirstCharger; c++)
        {
            dist += p.Dist(0, c); dur += p.Dur(0, c); w += p.Weight[c]; v += p.Volume[c];
        }
        var n = Math.Max(p.NumClients, 1);
        dist /= n; dur /= n; w /= n; v /= n;
        ce.WeightPenalty = Clamp(w > 0 ? dist / w : 1);
        ce.VolumePenalty = Clamp(v > 0 ? dist / v : 1);
        ce.TimePenalty = Clamp(dur > 0 ? dist / dur : 1);
    }

    static double Clamp(double x) => Math.Clamp(x, Min, Max);

    public void Register(Individual ind)
    {
        _n++;
        if (ind.LoadFeasible) _loadOk++;
        if (ind.TimeFeasible) _timeOk++;
        if (_n < _between) return;
        _ce.WeightPenalty = Adjust(_ce.WeightPenalty, _loadOk / (double)_n);
        _ce.VolumePenalty = Adjust(_ce.VolumePenalty, _loadOk / (double)_n);
        _ce.TimePenalty = Adjust(_ce.TimePenalty, _timeOk / (double)_n);
        _n = _loadOk = _timeOk = 0;
    }

    double Adjust(double penalty, double feasibleShare)
    {
        var diff = _target - feasibleShare;
        if (Math.Abs(diff) < 0.05) return penalty;
        return Clamp(diff > 0 ? penalty * _increase : penalty * _decrease);
    }
}
