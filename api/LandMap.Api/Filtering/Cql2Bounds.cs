using LandMap.Api.Hosting;
namespace LandMap.Api.Filtering;

/// <summary>Checks a parsed filter against <see cref="Cql2Limits"/>; both parsers call it, so every
/// tree they return is within bounds.</summary>
public static class Cql2Bounds
{
    /// <summary>Throws the filter error naming the first bound the tree exceeds.</summary>
    public static void Check(Cql2Node root, Cql2Limits limits)
    {
        var tally = new Tally(limits);
        var depth = tally.Visit(root);
        if (depth > limits.MaxDepth)
            throw Cql2Errors.Invalid($"filter is nested {depth} levels deep; the limit is {limits.MaxDepth}");
        if (tally.Nodes > limits.MaxNodes)
            throw Cql2Errors.Invalid($"filter has {tally.Nodes} nodes (operators, properties and values); the limit is {limits.MaxNodes}");
    }

    /// <summary>The text length bound, checked before any parsing.</summary>
    public static void CheckLength(string text, Cql2Limits limits)
    {
        if (text.Length > limits.MaxTextLength)
            throw Cql2Errors.Invalid($"filter is {text.Length} characters long; the limit is {limits.MaxTextLength}");
    }

    private sealed class Tally(Cql2Limits limits)
    {
        public int Nodes;
        private int _vertices;

        /// <summary>Counts the node and its children; returns its depth (operators only).</summary>
        public int Visit(Cql2Node node)
        {
            Nodes++;
            switch (node)
            {
                case AndExpr a: return 1 + a.Args.Max(Visit);
                case OrExpr o: return 1 + o.Args.Max(Visit);
                case NotExpr n: return 1 + Visit(n.Arg);
                case ComparisonExpr c: return 1 + Math.Max(Visit(c.Left), Visit(c.Right));
                case LikeExpr l: return 1 + Math.Max(Visit(l.Value), Visit(l.Pattern));
                case BetweenExpr b: return 1 + Math.Max(Visit(b.Value), Math.Max(Visit(b.Low), Visit(b.High)));
                case InExpr i:
                    if (i.List.Count > limits.MaxInItems)
                        throw Cql2Errors.Invalid($"IN list has {i.List.Count} items; the limit is {limits.MaxInItems}");
                    return 1 + Math.Max(Visit(i.Value), i.List.Count == 0 ? 0 : i.List.Max(Visit));
                case IsNullExpr n: return 1 + Visit(n.Value);
                case SpatialExpr s: return 1 + Math.Max(Visit(s.Left), Visit(s.Right));
                case DWithinExpr d: return 1 + Math.Max(Visit(d.Left), Visit(d.Right));
                case TemporalExpr t: return 1 + Math.Max(Visit(t.Left), Visit(t.Right));
                case BooleanCondition b: return 1 + Visit(b.Value);
                case ArithmeticExpr a: return 1 + Math.Max(Visit(a.Left), Visit(a.Right));
                case FunctionCall f: return 1 + (f.Args.Count == 0 ? 0 : f.Args.Max(Visit));
                case CaseInsensitive f: return 1 + Visit(f.Arg);
                case AccentInsensitive f: return 1 + Visit(f.Arg);
                case IntervalLit iv: return Math.Max(Visit(iv.Start), Visit(iv.End));
                case GeometryLit g: AddVertices(g.Value.NumPoints); return 0;
                case BboxLit: AddVertices(5); return 0;
                default: return 0; // properties and scalar values
            }
        }

        private void AddVertices(int count)
        {
            _vertices += count;
            if (_vertices > limits.MaxVertices)
                throw Cql2Errors.Invalid($"geometry literals of the filter have more than {limits.MaxVertices} vertices (the limit)");
        }
    }
}
