namespace LandMap.Api.Filtering;

/// <summary>The kinds of value the SQL writer tells apart. Values are compared only within a kind:
/// a string is never cast to a date or a number.</summary>
internal enum Cql2Type { Text, Number, Boolean, Date, Timestamp, Geometry, Interval }

/// <summary>An operand rendered to SQL: its expression, its kind and how to name it in a message.</summary>
internal sealed record SqlOperand(string Sql, Cql2Type Type, string Description, Cql2Operand Node)
{
    public bool IsProperty => Node is PropertyRef;
}

internal static class Cql2TypeNames
{
    /// <summary>"a date", "text" and so on, for messages.</summary>
    public static string Name(this Cql2Type type) => type switch
    {
        Cql2Type.Text => "text",
        Cql2Type.Number => "a number",
        Cql2Type.Boolean => "a boolean",
        Cql2Type.Date => "a date",
        Cql2Type.Timestamp => "a timestamp",
        Cql2Type.Geometry => "a geometry",
        _ => "an interval",
    };
}
