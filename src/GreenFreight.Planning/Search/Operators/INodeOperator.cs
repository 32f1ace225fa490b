namespace GreenFreight.Planning.Search.Operators;

/// <summary>A move on a pair of nodes (U, V ∈ neighbours of U, or V a route's start depot). <see cref="Evaluate"/> returns the
/// cost change (negative = improving) and remembers the move; <see cref="Apply"/> performs the last evaluated move.</summary>
internal interface INodeOperator
{
    double Evaluate(Node u, Node v);
    void Apply();
}
