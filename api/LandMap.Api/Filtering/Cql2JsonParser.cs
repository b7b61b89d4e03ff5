using System.Text.Json;
using LandMap.Api.Hosting;
using static LandMap.Api.Filtering.Cql2JsonReading;

namespace LandMap.Api.Filtering;

/// <summary>Reads cql2-json (OGC 21-065r2) into the CQL2 tree, the same tree cql2-text gives.</summary>
public static class Cql2JsonParser
{
    /// <summary>
    /// Parses a cql2-json filter and checks it against the limits. Strict JSON (no comments,
    /// trailing commas, NaN or Infinity), no duplicate or unexpected members. Throws the "filter"
    /// <see cref="LandMap.Api.Problems.InvalidParameterException"/> naming the JSON path of the problem.
    /// </summary>
    public static Cql2Condition Parse(string json, Cql2Limits? limits = null)
    {
        limits ??= Cql2Limits.Default;
        Cql2Bounds.CheckLength(json, limits);
        // Each condition level is two JSON levels (object, args array); geometries add up to five.
        var options = new JsonDocumentOptions { MaxDepth = 2 * limits.MaxDepth + 8 };
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, options);
        }
        catch (JsonException e) when (e.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            throw Cql2Errors.Invalid($"filter is nested too deeply; the limit is {limits.MaxDepth} levels");
        }
        catch (JsonException e)
        {
            throw Cql2Errors.Invalid($"filter is not valid JSON (NaN, Infinity, comments and trailing commas are not JSON): {e.Message}");
        }
        using (document)
        {
            var filter = Condition(document.RootElement, "$");
            Cql2Bounds.Check(filter, limits);
            return filter;
        }
    }

    private static Cql2Condition Condition(JsonElement e, string path)
    {
        // true and false are conditions (the schema's booleanExpression), as a whole filter or an argument.
        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return new BooleanCondition(new BooleanLit(e.ValueKind == JsonValueKind.True));
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("op", out _))
            throw At(path, $"expected a condition {{\"op\": ..., \"args\": [...]}}, got {Describe(e)}");
        var (op, args) = OpAndArgs(e, path);
        Cql2Operand Arg(int i) => Operand(args[i], $"{path}.args[{i}]");
        var comparison = Cql2Operators.Comparisons.FirstOrDefault(c => c.Symbol == op);
        if (comparison.Symbol is not null)
            { Expect(2); return new ComparisonExpr(comparison.Op, Arg(0), Arg(1)); }
        if (Cql2Operators.Spatial.TryGetValue(op, out var spatial))
            { Expect(2); return new SpatialExpr(spatial, Arg(0), Arg(1)); }
        if (Cql2Operators.Temporal.TryGetValue(op, out var temporal))
            { Expect(2); return new TemporalExpr(temporal, Arg(0), Arg(1)); }
        switch (op.ToLowerInvariant())
        {
            case "and" or "or":
                if (args.Count < 2) throw At(path, $"\"{op}\" needs at least 2 args, got {args.Count}");
                var conditions = NodeList.Of(args.Select((a, i) => Condition(a, $"{path}.args[{i}]")));
                return op.Equals("and", StringComparison.OrdinalIgnoreCase) ? new AndExpr(conditions) : new OrExpr(conditions);
            case "not":
                Expect(1);
                return new NotExpr(Condition(args[0], path + ".args[0]"));
            case "like":
                Expect(2);
                return new LikeExpr(Arg(0), Arg(1));
            case "between":
                Expect(3);
                return new BetweenExpr(Arg(0), Arg(1), Arg(2));
            case "in":
                Expect(2);
                var items = Array(args[1], path + ".args[1]");
                return new InExpr(Arg(0), NodeList.Of(items.Select((x, i) => Operand(x, $"{path}.args[1][{i}]"))));
            case "isnull":
                Expect(1);
                return new IsNullExpr(Arg(0));
            case "s_dwithin":
                if (args.Count != 4) throw At(path, $"\"{op}\" needs 4 args (geometry, geometry, distance, units), got {args.Count}");
                var distance = Number(args[2], path + ".args[2]");
                var units = String(args[3], path + ".args[3]");
                return Guard(path, () => new DWithinExpr(Arg(0), Arg(1), Cql2Values.Metres(distance, units)));
            case "casei" or "accenti":
                throw At(path, $"\"{op}\" gives a value, not a condition; compare it, e.g. {{\"op\": \"like\", \"args\": [{{\"op\": \"{op}\", ...}}, ...]}}");
            default:
                if (Cql2Operators.Arithmetic.ContainsKey(op))
                    throw At(path, $"\"{op}\" gives a number, not a condition; compare it, e.g. {{\"op\": \">\", \"args\": [{{\"op\": \"{op}\", ...}}, 0]}}");
                // Any other name is a function (the schema's functionRef); one returning a boolean is a condition.
                return new BooleanCondition(Function(op, args, path));
        }

        void Expect(int n)
        {
            if (args.Count != n) throw At(path, $"\"{op}\" needs {n} args, got {args.Count}");
        }
    }

    private static Cql2Operand Operand(JsonElement e, string path)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String: return new StringLit(e.GetString()!);
            case JsonValueKind.Number: return new NumberLit(Number(e, path));
            case JsonValueKind.True: return new BooleanLit(true);
            case JsonValueKind.False: return new BooleanLit(false);
            case JsonValueKind.Null: throw At(path, "null is not a value; to test for null use {\"op\": \"isNull\", ...}");
            case JsonValueKind.Array: throw At(path, "an array is a value only as the list of \"in\"");
        }
        if (e.TryGetProperty("property", out _))
            return new PropertyRef(String(Members(e, path, "property")["property"], path + ".property"));
        if (e.TryGetProperty("date", out _))
        {
            var text = String(Members(e, path, "date")["date"], path + ".date");
            return Guard(path, () => new DateLit(Cql2Values.Date(text)));
        }
        if (e.TryGetProperty("timestamp", out _))
        {
            var text = String(Members(e, path, "timestamp")["timestamp"], path + ".timestamp");
            return Guard(path, () => new TimestampLit(Cql2Values.Timestamp(text)));
        }
        if (e.TryGetProperty("interval", out _))
            return Interval(Members(e, path, "interval")["interval"], path + ".interval");
        if (e.TryGetProperty("bbox", out var bbox) && !e.TryGetProperty("type", out _))
        {
            Members(e, path, "bbox");
            var numbers = Array(bbox, path + ".bbox").Select((n, i) => Number(n, $"{path}.bbox[{i}]")).ToList();
            return Guard<Cql2Operand>(path, () => Cql2Geometries.Bbox(numbers));
        }
        if (Cql2GeoJsonReader.IsGeometry(e))
            return new GeometryLit(Cql2GeoJsonReader.Read(e, path));
        if (e.TryGetProperty("op", out _))
        {
            var (op, args) = OpAndArgs(e, path);
            if (Cql2Operators.Arithmetic.TryGetValue(op, out var arithmetic))
            {
                if (args.Count != 2) throw At(path, $"\"{op}\" needs 2 args, got {args.Count}");
                return new ArithmeticExpr(arithmetic, Operand(args[0], path + ".args[0]"), Operand(args[1], path + ".args[1]"));
            }
            var isCaseI = op.Equals("casei", StringComparison.OrdinalIgnoreCase);
            if (isCaseI || op.Equals("accenti", StringComparison.OrdinalIgnoreCase))
            {
                if (args.Count != 1) throw At(path, $"\"{op}\" needs 1 arg, got {args.Count}");
                var arg = Operand(args[0], path + ".args[0]");
                return isCaseI ? new CaseInsensitive(arg) : new AccentInsensitive(arg);
            }
            if (IsConditionOperator(op))
                throw At(path, $"expected a value, got the condition \"{op}\"");
            return Function(op, args, path);
        }
        throw At(path, "expected a value: a string, number, boolean, {\"property\"}, {\"date\"}, {\"timestamp\"}, {\"interval\"}, {\"bbox\"} or a GeoJSON geometry");
    }

    /// <summary>The operators that make conditions; any other "op" names a function.</summary>
    private static bool IsConditionOperator(string op) =>
        Cql2Operators.Comparisons.Any(c => c.Symbol == op) || Cql2Operators.Spatial.ContainsKey(op) || Cql2Operators.Temporal.ContainsKey(op) ||
        op.ToLowerInvariant() is "and" or "or" or "not" or "like" or "between" or "in" or "isnull" or "s_dwithin";

    private static FunctionCall Function(string name, List<JsonElement> args, string path) =>
        new(name, NodeList.Of(args.Select((a, i) => Operand(a, $"{path}.args[{i}]"))));

    /// <summary>An interval's two ends: '..', a date or timestamp string, or an object giving one.</summary>
    private static IntervalLit Interval(JsonElement e, string path)
    {
        var ends = Array(e, path);
        if (ends.Count != 2) throw At(path, $"an interval needs 2 ends, got {ends.Count}");
        Cql2Operand End(int i)
        {
            var at = $"{path}[{i}]";
            var end = ends[i].ValueKind == JsonValueKind.String
                ? Guard(at, () => Cql2Values.IntervalEnd(ends[i].GetString()!))
                : Operand(ends[i], at);
            return end is DateLit or TimestampLit or PropertyRef or OpenEnd or FunctionCall
                ? end
                : throw At(at, "an interval end must be '..', a date, a timestamp, a property or a function");
        }
        return new IntervalLit(End(0), End(1));
    }

    private static (string Op, List<JsonElement> Args) OpAndArgs(JsonElement e, string path)
    {
        var members = Members(e, path, "op", "args");
        var op = String(members["op"], path + ".op");
        var args = members.TryGetValue("args", out var a) ? Array(a, path + ".args") : [];
        return (op, args);
    }
}
