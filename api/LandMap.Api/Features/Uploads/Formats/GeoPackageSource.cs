using System.Text.Json;
using LandMap.Api.Domain;
using LandMap.Api.Geo;
using LandMap.Api.Problems;
using LandMap.Api.Writes;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace LandMap.Api.Features.Uploads.Formats;

/// <summary>
/// An OGC GeoPackage, opened read-only with Microsoft.Data.Sqlite; one feature table (from
/// gpkg_contents) is read row by row with a data reader, geometries with NTS's GeoPackageGeoReader.
/// Table and column names come from the file: they reach SQL only as quoted identifiers.
/// </summary>
public sealed class GeoPackageSource : IFeatureSource
{
    private readonly SqliteConnection connection;
    private readonly IDisposable? owned;
    private readonly string table, geometryColumn;
    private readonly List<string> columns;
    private readonly string? orderBy;
    private readonly FieldMapping mapping;

    /// <inheritdoc/>
    public string Format => "GeoPackage";

    /// <inheritdoc/>
    public int? DeclaredSrid { get; }

    /// <inheritdoc/>
    public Envelope? Extent { get; }

    /// <inheritdoc/>
    public int? FeatureCount { get; }

    private int read;

    /// <inheritdoc/>
    public double Progress => FeatureCount is > 0 and var n ? (double)Volatile.Read(ref read) / n : 0;

    /// <inheritdoc/>
    public IReadOnlyList<UploadProblem> Warnings => mapping.Warnings;

    /// <summary>The feature table read (gpkg_contents.table_name).</summary>
    public string Layer => table;

    /// <summary>
    /// Opens <paramref name="path"/> and chooses its feature table: the only one, else the one named
    /// <paramref name="layer"/>, else the one named like the collection. <paramref name="crsGiven"/>
    /// (the request names the CRS) lets an unknown srs pass.
    /// </summary>
    /// <exception cref="InvalidParameterException">Not a GeoPackage, no or several feature tables, an unknown srs.</exception>
    public GeoPackageSource(string path, CollectionDef collection, string? layer = null, bool crsGiven = false)
        : this(path, collection, layer, crsGiven, null) { }

    /// <summary>As the public constructor; <paramref name="owned"/> (a temporary folder) is disposed with the source.</summary>
    internal GeoPackageSource(string path, CollectionDef collection, string? layer, bool crsGiven, IDisposable? owned)
    {
        this.owned = owned;
        // No pooling: dispose must release the file (it may be a temporary one to delete).
        connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            table = ChooseTable(layer, collection);
            (geometryColumn, var srsId) = GeometryColumn();
            DeclaredSrid = Srid(srsId, crsGiven);
            (columns, orderBy) = Columns();
            mapping = new FieldMapping(columns, collection);
            FeatureCount = Convert.ToInt32(Scalar($"select count(*) from {Quote(table)}"));
            Extent = ContentsExtent(); // else the upload judges the first features
        }
        catch (SqliteException e)
        {
            Dispose();
            throw new InvalidParameterException("file", $"the file is not a readable GeoPackage: {e.Message}");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private object? Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return cmd.ExecuteScalar();
    }

    private List<string> Strings(string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }

    private string ChooseTable(string? layer, CollectionDef collection)
    {
        if (Convert.ToInt64(Scalar("select count(*) from sqlite_master where type = 'table' and name = 'gpkg_contents'")) == 0)
            throw new InvalidParameterException("file", "the SQLite file has no gpkg_contents table: it is not a GeoPackage");
        var tables = Strings("select table_name from gpkg_contents where data_type = 'features' order by table_name");
        if (tables.Count == 0) throw new InvalidParameterException("file", "the GeoPackage has no feature table");
        var listed = string.Join(", ", tables);
        if (layer is not null)
            return tables.FirstOrDefault(t => string.Equals(t, layer, StringComparison.OrdinalIgnoreCase))
                   ?? throw new InvalidParameterException("layer", $"the GeoPackage has no feature table '{layer}'; it has {listed}");
        if (tables.Count == 1) return tables[0];
        return tables.FirstOrDefault(t => string.Equals(t, collection.Id, StringComparison.OrdinalIgnoreCase))
               ?? throw new InvalidParameterException("layer", $"the GeoPackage has several feature tables ({listed}); choose one with layer=<name>");
    }

    private (string Column, long SrsId) GeometryColumn()
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "select column_name, srs_id from gpkg_geometry_columns where table_name = $t";
        cmd.Parameters.AddWithValue("$t", table);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) throw new InvalidParameterException("file", $"the GeoPackage's table {table} has no entry in gpkg_geometry_columns");
        return (r.GetString(0), r.GetInt64(1));
    }

    private int? Srid(long srsId, bool crsGiven)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "select srs_name, organization, organization_coordsys_id, definition from gpkg_spatial_ref_sys where srs_id = $id";
        cmd.Parameters.AddWithValue("$id", srsId);
        using var r = cmd.ExecuteReader();
        if (!r.Read() || srsId is 0 or -1) return null; // undefined cartesian / geographic: the file states none
        var (name, org, code, definition) = (r.GetString(0), r.IsDBNull(1) ? "" : r.GetString(1), r.IsDBNull(2) ? 0 : r.GetInt64(2), r.IsDBNull(3) ? "" : r.GetString(3));
        if (string.Equals(org, "EPSG", StringComparison.OrdinalIgnoreCase) && code > 0) return (int)code;
        if (SourceCrs.FromWkt(definition) is { } def) return def.Srid;
        if (crsGiven) return null;
        throw new InvalidParameterException("crs",
            $"the GeoPackage's CRS '{name}' ({org}:{code}) is none LandMap recognises; pass crs=EPSG:xxxx with the file's EPSG code");
    }

    private (List<string> Columns, string? OrderBy) Columns()
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "select name, type, pk from pragma_table_info($t)";
        cmd.Parameters.AddWithValue("$t", table);
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        string? pk = null;
        while (r.Read())
        {
            var name = r.GetString(0);
            // The integer primary key (GDAL's fid) is the row's id, not a property.
            if (r.GetInt64(2) > 0 && string.Equals(r.GetString(1), "INTEGER", StringComparison.OrdinalIgnoreCase)) { pk = name; continue; }
            if (string.Equals(name, geometryColumn, StringComparison.OrdinalIgnoreCase)) continue;
            list.Add(name);
        }
        return (list, pk is null ? null : Quote(pk));
    }

    private Envelope? ContentsExtent()
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "select min_x, min_y, max_x, max_y from gpkg_contents where table_name = $t";
        cmd.Parameters.AddWithValue("$t", table);
        using var r = cmd.ExecuteReader();
        if (!r.Read() || Enumerable.Range(0, 4).Any(r.IsDBNull)) return null;
        var (minX, minY, maxX, maxY) = (r.GetDouble(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3));
        return minX <= maxX && minY <= maxY ? new Envelope(minX, maxX, minY, maxY) : null;
    }

    /// <inheritdoc/>
    public IEnumerable<RawFeature> ReadFeatures(CancellationToken ct)
    {
        var reader = new GeoPackageGeoReader { HandleSRID = false };
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"select {Quote(geometryColumn)}{string.Concat(columns.Select(c => ", " + Quote(c)))} from {Quote(table)}"
                          + (orderBy is null ? "" : $" order by {orderBy}");
        using var r = cmd.ExecuteReader();
        var index = 0;
        while (r.Read())
        {
            ct.ThrowIfCancellationRequested();
            Geometry? geometry = null;
            Exception? error = null;
            if (!r.IsDBNull(0))
            {
                try
                {
                    var g = reader.Read((byte[])r.GetValue(0));
                    g.SRID = 0;
                    geometry = g.IsEmpty ? null : g;
                }
                catch (Exception e) when (e is not OperationCanceledException) { error = e; }
            }
            var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++) mapping.Add(properties, i, r.GetValue(i + 1));
            Volatile.Write(ref read, index + 1);
            yield return new RawFeature(index++, geometry, error, properties);
        }
    }

    /// <summary>Closes the file (and deletes it when it was extracted from a zip).</summary>
    public void Dispose()
    {
        connection.Dispose();
        owned?.Dispose();
    }
}
