using System.Security.Cryptography;
using LandMap.Api.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LandMap.Api.Features.Uploads;

/// <summary>An uploaded file on disk (deleted on dispose) with its SHA-256, hashed as it arrived.</summary>
public sealed class ReceivedFile(string path, string sha256, long length, string? fileName) : IDisposable
{
    public string Path { get; } = path;
    public string Sha256 { get; } = sha256;
    public long Length { get; } = length;
    /// <summary>The name the client gave (multipart), a hint for the format only.</summary>
    public string? FileName { get; } = fileName;

    public void Dispose()
    {
        try { File.Delete(Path); }
        catch (IOException) { } // already gone
    }
}

/// <summary>
/// Receives an upload's bytes (raw body or the multipart field <c>file</c>) straight to a temp file
/// while hashing them, so a 100 MB file never sits in memory and its SHA-256 is known before any
/// parsing. A client that disconnects mid-body leaves only the temp file, which is deleted.
/// </summary>
public static class UploadBody
{
    private const int MultipartSlack = 1024 * 1024; // multipart framing and small fields

    /// <summary>The received file; null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<ReceivedFile?> ReceiveAsync(HttpContext context, long maxBytes)
    {
        var request = context.Request;
        var ct = context.RequestAborted;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = maxBytes + MultipartSlack;
        if (request.ContentLength > maxBytes + MultipartSlack) return null;

        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "landmap-uploads");
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, $"{Guid.NewGuid():N}.upload");
        try
        {
            if (request.HasFormContentType && MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
                && HeaderUtilities.RemoveQuotes(type.Boundary).Value is { Length: > 0 } boundary)
            {
                var reader = new MultipartReader(boundary, request.Body);
                while (await reader.ReadNextSectionAsync(ct) is { } section)
                {
                    if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                        || HeaderUtilities.RemoveQuotes(disposition.Name).Value != "file")
                        continue;
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    return await SaveAsync(section.Body, path, maxBytes, fileName, ct);
                }
                throw new InvalidParameterException("file", "the multipart form has no field 'file'");
            }
            // A multipart type without a usable boundary cannot be framed: reading it raw as the file
            // would take the form's framing for the file's first bytes.
            if (request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true)
                throw new InvalidParameterException("Content-Type",
                    "a multipart body needs its boundary (Content-Type: multipart/form-data; boundary=...), with the file in field 'file'");
            return await SaveAsync(request.Body, path, maxBytes, null, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            Delete(path);
            return null;
        }
        catch (Exception e) when (Hosting.BodyFailures.ClientWentAway(context, e) || e is BadHttpRequestException { StatusCode: not StatusCodes.Status400BadRequest })
        {
            // Gone (499) or too slow (408): counted and answered as such, not as a bad file.
            Delete(path);
            throw;
        }
        catch (InvalidDataException e)
        {
            // MultipartReader's word for a form it cannot frame (no boundary where one must be, a header line too long).
            Delete(path);
            throw new InvalidParameterException("body", $"the multipart form cannot be read ({e.Message}); nothing was kept");
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException && !ct.IsCancellationRequested)
        {
            Delete(path);
            throw new InvalidParameterException("body", $"the upload ended before its end ({e.Message}); nothing was kept");
        }
        catch
        {
            Delete(path);
            throw;
        }
    }

    private static async Task<ReceivedFile?> SaveAsync(Stream body, string path, long maxBytes, string? fileName, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    file.Close();
                    Delete(path);
                    return null;
                }
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        if (length == 0)
        {
            Delete(path);
            throw new InvalidParameterException("body", "the upload is empty: send the file as the body or as multipart field 'file'");
        }
        return new ReceivedFile(path, Convert.ToHexStringLower(hash.GetHashAndReset()), length, fileName);
    }

    private static void Delete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
    }
}
