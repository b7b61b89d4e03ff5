namespace LandMap.Api.Filtering;

// The CQL2 abstract syntax tree. Both parsers (cql2-text, cql2-json) produce it and the SQL
// writer consumes it, so the two encodings of one filter give equal trees (records compare by
// value; lists are NodeLists). Nothing here knows about SQL or about collections: property
// names are checked against the queryables only when SQL is written.

/// <summary>Any node of a CQL2 filter.</summary>
public abstract record Cql2Node;

/// <summary>A node that is true or false for a feature: a logical operator or a predicate.</summary>
public abstract record Cql2Condition : Cql2Node;

/// <summary>A node that has a value: a property, a literal or a function of them.</summary>
public abstract record Cql2Operand : Cql2Node;

/// <summary>All arguments hold (AND). Chains like <c>a AND b AND c</c> are one node with three arguments.</summary>
public sealed record AndExpr(NodeList<Cql2Condition> Args) : Cql2Condition;

/// <summary>At least one argument holds (OR).</summary>
public sealed record OrExpr(NodeList<Cql2Condition> Args) : Cql2Condition;

/// <summary>The argument does not hold (NOT); also what <c>NOT LIKE</c>, <c>NOT IN</c>, <c>NOT BETWEEN</c> and <c>IS NOT NULL</c> become.</summary>
public sealed record NotExpr(Cql2Condition Arg) : Cql2Condition;

/// <summary><c>left op right</c> with =, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;=.</summary>
public sealed record ComparisonExpr(ComparisonOp Op, Cql2Operand Left, Cql2Operand Right) : Cql2Condition;

/// <summary><c>value LIKE pattern</c>: % is any run of characters, _ any one character, backslash escapes.</summary>
public sealed record LikeExpr(Cql2Operand Value, Cql2Operand Pattern) : Cql2Condition;

/// <summary><c>value BETWEEN low AND high</c>, both ends included.</summary>
public sealed record BetweenExpr(Cql2Operand Value, Cql2Operand Low, Cql2Operand High) : Cql2Condition;

/// <summary><c>value IN (a, b, ...)</c>.</summary>
public sealed record InExpr(Cql2Operand Value, NodeList<Cql2Operand> List) : Cql2Condition;

/// <summary><c>value IS NULL</c>.</summary>
public sealed record IsNullExpr(Cql2Operand Value) : Cql2Condition;

/// <summary><c>S_INTERSECTS(a, b)</c> and the other spatial predicates.</summary>
public sealed record SpatialExpr(SpatialOp Op, Cql2Operand Left, Cql2Operand Right) : Cql2Condition;

/// <summary><c>S_DWITHIN(a, b, distance, units)</c>: within a distance measured on the ellipsoid; the
/// parsers convert the units, so the tree holds metres.</summary>
public sealed record DWithinExpr(Cql2Operand Left, Cql2Operand Right, double Metres) : Cql2Condition;

/// <summary><c>T_BEFORE(a, b)</c> and the other temporal predicates over instants and intervals.</summary>
public sealed record TemporalExpr(TemporalOp Op, Cql2Operand Left, Cql2Operand Right) : Cql2Condition;

/// <summary>A boolean value used as a condition: <c>TRUE</c>, <c>NOT FALSE</c>, JSON <c>true</c> as a whole
/// filter, or a function that returns a boolean (the BNF's booleanPrimary = function | booleanLiteral).</summary>
public sealed record BooleanCondition(Cql2Operand Value) : Cql2Condition;
