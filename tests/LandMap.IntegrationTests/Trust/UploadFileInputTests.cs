using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using LandMap.Tests.Upload.Formats;

namespace LandMap.Tests.Trust;

/// <summary>
/// Uploaded files a reader chokes on: a zipped shapefile with a damaged .dbf header, a
/// password-protected zip, a zip with a symbolic link. Each is a 400 naming <c>file</c>, and its
/// upload job ends (refused), never left "running".
/// </summary>
public sealed class UploadFileInputTests(LandMapServer server) : IDisposable
{
    private readonly FormatFiles files = new();

    public void Dispose() => files.Dispose();

    /// <summary>The parts of a valid two-parcel shapefile (ogr2ogr), by file name.</summary>
    private async Task<Dictionary<string, byte[]>> PartsAsync()
    {
        await files.ShapefileAsync(files.Parcels("p.geojson"), "p");
        return Directory.GetFiles(files.Dir, "p.*").Where(f => !f.EndsWith(".geojson", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body, HttpResponseMessage Response)> PostAsync(byte[] zip, bool async = false)
    {
        var ws = await server.WriteServerAsync();
        using var client = ws.CreateWriterClient();
        if (async) client.DefaultRequestHeaders.Add("Prefer", "respond-async");
        using var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        var response = await client.PostAsync("api/uploads?collection=parcels&dryRun=true", content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!, response);
    }

    private static void AssertRefusedNamingFile((HttpStatusCode Status, JsonNode Body, HttpResponseMessage _) r)
    {
        Assert.True(r.Status == HttpStatusCode.BadRequest, $"{(int)r.Status}: {r.Body.ToJsonString()}");
        Assert.Equal("file", (string?)r.Body["parameter"]);
    }

    private static byte[] ZipOf(IEnumerable<(string Name, byte[] Content)> entries, Action<ZipArchiveEntry>? touch = null)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
                touch?.Invoke(entry);
                using var s = entry.Open();
                s.Write(content);
            }
        }
        return ms.ToArray();
    }

    /// <summary>The .dbf damaged in ways a hostile or broken writer produces.</summary>
    public static TheoryData<string> DbfDamage() => ["header-length", "field-type", "truncated", "field-length-zero", "no-terminator", "record-length"];

    private static byte[] Damage(byte[] dbf, string how)
    {
        var d = (byte[])dbf.Clone();
        switch (how)
        {
            case "header-length": BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(8), 0xFFFF); break;
            case "field-type": d[32 + 11] = (byte)'X'; break;
            case "truncated": return d[..40];
            case "field-length-zero": d[32 + 16] = 0; break;
            case "no-terminator": for (var i = 32; i < BinaryPrimitives.ReadUInt16LittleEndian(d.AsSpan(8)); i++) d[i] = 0x41; break;
            case "record-length": BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(10), 0); break;
        }
        return d;
    }

    [Theory]
    [MemberData(nameof(DbfDamage))]
    public async Task A_shapefile_whose_dbf_header_is_damaged_is_a_400_naming_file(string how)
    {
        var parts = await PartsAsync();
        parts["p.dbf"] = Damage(parts["p.dbf"], how);
        var r = await PostAsync(ZipOf(parts.Select(p => (p.Key, p.Value))));
        Assert.True(r.Status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{how}: {(int)r.Status}: {r.Body.ToJsonString()}");
        if (r.Status == HttpStatusCode.BadRequest) Assert.Equal("file", (string?)r.Body["parameter"]);
    }

    [Fact]
    public async Task A_damaged_shapefile_uploaded_asynchronously_ends_its_job_as_refused_and_is_counted()
    {
        var parts = await PartsAsync();
        parts["p.dbf"] = Damage(parts["p.dbf"], "header-length");
        var r = await PostAsync(ZipOf(parts.Select(p => (p.Key, p.Value))), async: true);
        Assert.Equal(HttpStatusCode.Accepted, r.Status);
        var ws = await server.WriteServerAsync();
        using var client = ws.CreateWriterClient();
        JsonNode? job = null;
        for (var i = 0; i < 100; i++)
        {
            job = JsonNode.Parse(await client.GetStringAsync(r.Response.Headers.Location!.ToString().TrimStart('/')));
            if ((string?)job!["status"] != "running") break;
            await Task.Delay(100);
        }
        Assert.True((string?)job!["status"] == "refused", job.ToJsonString());
        Assert.Equal(400, (int)job["statusCode"]!);
        Assert.Equal("file", (string?)job["result"]!["parameter"]);
        var metrics = await client.GetStringAsync("metrics");
        Assert.Matches("landmap_uploads_total\\{[^}]*outcome=\"refused\"[^}]*\\} [1-9]", metrics);
    }

    [Fact]
    public async Task A_password_protected_zip_is_a_400_naming_file()
    {
        var parts = await PartsAsync();
        var zip = ZipOf(parts.Select(p => (p.Key, p.Value)));
        SetEncryptedFlag(zip);
        var r = await PostAsync(zip);
        AssertRefusedNamingFile(r);
        Assert.Contains("encrypted", (string?)r.Body["detail"]);
    }

    /// <summary>Sets general purpose bit 0 (encrypted) in every local and central directory header, as
    /// <c>zip -e</c> does (the content stays plain here; a reader must refuse it on the flag).</summary>
    private static void SetEncryptedFlag(byte[] zip)
    {
        for (var i = 0; i + 4 <= zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50) zip[i + 6] |= 1; // local file header: flags at +6
            else if (signature == 0x02014b50) zip[i + 8] |= 1; // central directory header: flags at +8
        }
    }

    [Theory]
    [InlineData("p.shp")]
    [InlineData("readme.txt")]
    public async Task A_zip_with_a_symbolic_link_entry_is_a_400_naming_file(string linked)
    {
        var parts = await PartsAsync();
        var entries = parts.Select(p => (p.Key, p.Value)).Where(p => p.Key != linked).Append((linked, "/etc/passwd"u8.ToArray()));
        // zip -y: unix mode S_IFLNK | 0777 in the high 16 bits of the external attributes.
        var zip = ZipOf(entries, e => { if (e.FullName == linked) e.ExternalAttributes = unchecked((int)(0xA1FFu << 16)); });
        var r = await PostAsync(zip);
        AssertRefusedNamingFile(r);
        Assert.Contains("symbolic link", (string?)r.Body["detail"]);
    }
}
