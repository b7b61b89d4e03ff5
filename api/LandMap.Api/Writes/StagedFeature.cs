using System.Text.Json;
using LandMap.Api.Domain;
using NetTopologySuite.Geometries;
using NpgsqlTypes;

namespace LandMap.Api.Writes;

/// <summary>A valid feature ready for staging: storage geometry and the values of the collection's
/// writable columns, typed for binary COPY (string, DateOnly, decimal or null) in
/// <see cref="UploadColumns.Of"/> order.</summary>
public sealed record StagedFeature(int Index, string Code, Geometry Geometry, object?[] Values)
{
    /// <summary>The geometry as PostGIS's binary (EWKB with its SRID), when the validating worker wrote it
    /// (uploads): the staging COPY sends these bytes and the file's overlap search keeps them, so the one
    /// COPY thread neither writes each geometry twice (Npgsql sizes a geometry by writing it) nor again
    /// for the search.</summary>
    public byte[]? Ewkb { get; init; }

    /// <summary>Writes <see cref="Ewkb"/>: two ordinates, as the storage columns hold (one writer per thread).</summary>
    public static NetTopologySuite.IO.PostGisWriter EwkbWriter() => new() { HandleOrdinates = Ordinates.XY };
}

/// <summary>The writable columns of a collection, as an upload stages and writes them (names from the catalog only).</summary>
public sealed class UploadColumns
{
    private static readonly Dictionary<string, UploadColumns> ByCollection =
        CollectionCatalog.All.ToDictionary(c => c.Id, c => new UploadColumns(c));

    public static UploadColumns Of(CollectionDef collection) => ByCollection[collection.Id];

    private UploadColumns(CollectionDef collection)
    {
        Collection = collection;
        Properties = collection.WritableProperties.ToArray();
        Names = Properties.Select(p => p.Name).ToArray();
        DbTypes = Properties.Select(p => p.Type switch
        {
            PropertyType.Date => NpgsqlDbType.Date,
            PropertyType.Number or PropertyType.Integer => NpgsqlDbType.Numeric,
            _ => NpgsqlDbType.Text,
        }).ToArray();
    }

    public CollectionDef Collection { get; }
    public PropertyDef[] Properties { get; }
    public string[] Names { get; }
    public string List => string.Join(", ", Names);

    /// <summary>How each value of <see cref="Values"/> travels (COPY field or parameter), in the same order.</summary>
    public NpgsqlDbType[] DbTypes { get; }

    /// <summary>The staged value of column <paramref name="name"/>; null when absent or not a column of the collection.</summary>
    public object? ValueOf(StagedFeature feature, string name) => Array.IndexOf(Names, name) is >= 0 and var i ? feature.Values[i] : null;

    /// <summary>The typed values of a feature that passed <see cref="FeatureValidator"/> (so each
    /// present value has its property's type); absent or null properties are null.</summary>
    public object?[] Values(IReadOnlyDictionary<string, JsonElement> properties)
    {
        var values = new object?[Properties.Length];
        for (var i = 0; i < Properties.Length; i++)
        {
            if (!properties.TryGetValue(Properties[i].Name, out var v) || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                continue;
            values[i] = Properties[i].Type switch
            {
                PropertyType.Date => IsoDate.Parse(v.GetString()!),
                PropertyType.Number or PropertyType.Integer => v.GetDecimal(),
                _ => v.GetString(),
            };
        }
        return values;
    }
}
