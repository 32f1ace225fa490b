namespace GreenFreight.Planning;

/// <summary>Route planner engine for common distribution (issue 3). Pure library, no dependencies.</summary>
public static class PlanningEngine
{
    public const string Status = "not yet implemented: see issue 3";
}
