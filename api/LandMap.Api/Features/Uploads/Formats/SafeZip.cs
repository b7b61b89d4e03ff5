using System.IO.Compression;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;

namespace LandMap.Api.Features.Uploads.Formats;

/// <summary>
/// A zip opened for reading under <see cref="ZipLimits"/>: entry names that could escape a folder
/// (.., absolute paths, backslashes, drive letters) are refused outright, as are zips that declare
/// more than the bound or an entry that expands more than the ratio. Extraction counts the bytes it
/// writes, so a central directory that lies about sizes is caught too.
/// </summary>
internal sealed class SafeZip : IDisposable
{
    private readonly ZipArchive archive;
    private readonly ZipLimits limits;
    private long written;

    /// <summary>The entries that are files (no folders, no macOS resource forks), names with '/' separators.</summary>
    public IReadOnlyList<ZipArchiveEntry> Files { get; }

    public SafeZip(string path, ZipLimits? limits = null)
    {
        this.limits = limits ?? ZipLimits.Default;
        // Names without the zip's UTF-8 flag are in the writer's code page: on Chinese Windows, GBK.
        try { archive = ZipFile.Open(path, ZipArchiveMode.Read, DbfTextEncoding.Gbk); }
        catch (InvalidDataException e) { throw new InvalidParameterException("file", $"the upload is not a readable zip: {e.Message}"); }
        try
        {
            Files = Check(archive, this.limits);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    private static List<ZipArchiveEntry> Check(ZipArchive archive, ZipLimits limits)
    {
        if (archive.Entries.Count > limits.MaxEntries)
            throw new InvalidParameterException("file",
                $"the zip lists {archive.Entries.Count} entries, more than the {limits.MaxEntries} allowed; zip only the shapefile's parts or the GeoPackage");
        long declared = 0;
        var files = new List<ZipArchiveEntry>();
        foreach (var e in archive.Entries)
        {
            var name = e.FullName;
            if (IsUnsafe(name))
                throw new InvalidParameterException("file",
                    $"the zip entry '{name}' has an unsafe path (.., an absolute path or backslashes); zip the files themselves, with plain relative names");
            // An encrypted entry cannot be read without its password (reading it would fail midway), and
            // a symbolic link's "content" is a path on the writer's machine: neither is a file we can use.
            if (e.IsEncrypted)
                throw new InvalidParameterException("file",
                    $"the zip entry '{name}' is encrypted (a password-protected zip); zip the files without a password");
            if (IsSymbolicLink(e))
                throw new InvalidParameterException("file",
                    $"the zip entry '{name}' is a symbolic link; zip the files themselves, not links to them");
            declared += e.Length;
            if (declared > limits.MaxExpandedBytes)
                throw new InvalidParameterException("file", $"the zip expands to more than {limits.MaxExpandedBytes} bytes, the upload limit");
            if (e.Length >= limits.RatioFloorBytes && e.Length > limits.MaxRatio * Math.Max(e.CompressedLength, 1))
                throw new InvalidParameterException("file",
                    $"the zip entry '{name}' expands {e.Length} bytes from {e.CompressedLength} (more than {limits.MaxRatio}:1); refused as a zip bomb");
            if (name.EndsWith('/') || name.StartsWith("__MACOSX/", StringComparison.Ordinal) || Path.GetFileName(name).StartsWith("._", StringComparison.Ordinal))
                continue;
            files.Add(e);
        }
        return files;
    }

    /// <summary>Unix file type S_IFLNK in the high 16 bits of the external attributes (zip -y writes it).</summary>
    private static bool IsSymbolicLink(ZipArchiveEntry e) => ((e.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymbolicLink;

    private const int UnixFileTypeMask = 0xF000, UnixSymbolicLink = 0xA000;

    private static bool IsUnsafe(string name) =>
        name.Length == 0 || name.Contains('\\') || name.StartsWith('/') || name.Contains(':') || name.Contains('\0')
        || name.Split('/').Any(part => part == "..");

    /// <summary>The files whose name ends with <paramref name="extension"/> (".shp"), case-insensitive.</summary>
    public List<ZipArchiveEntry> WithExtension(string extension) =>
        Files.Where(e => e.FullName.EndsWith(extension, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The file named <paramref name="stem"/> + <paramref name="extension"/> (case-insensitive), if any.</summary>
    public ZipArchiveEntry? Sibling(string stem, string extension) =>
        Files.FirstOrDefault(e => string.Equals(e.FullName, stem + extension, StringComparison.OrdinalIgnoreCase));

    /// <summary>Writes <paramref name="entry"/> to <paramref name="target"/>, counting against the bound.</summary>
    public void Extract(ZipArchiveEntry entry, string target)
    {
        using var source = entry.Open();
        using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
        var buffer = new byte[81920];
        long mine = 0;
        int n;
        while ((n = source.Read(buffer)) > 0)
        {
            mine += n;
            written += n;
            // The central directory's sizes are only a claim: hold the stream to them.
            if (mine > entry.Length || written > limits.MaxExpandedBytes)
                throw new InvalidParameterException("file", $"the zip entry '{entry.FullName}' expands beyond its declared size or the upload limit; refused");
            output.Write(buffer, 0, n);
        }
    }

    public void Dispose() => archive.Dispose();
}

/// <summary>A private temporary folder, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "landmap-upload-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // best effort: the OS temp cleaner gets the rest
        catch (UnauthorizedAccessException) { }
    }
}
