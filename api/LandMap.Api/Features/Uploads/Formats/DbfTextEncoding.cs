using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace LandMap.Api.Features.Uploads.Formats;

/// <summary>
/// The text encoding of a shapefile's .dbf. Chinese shapefiles are mostly GBK (code page 936) and
/// often say nothing about it, so the order is: the .cpg, then the DBF header's language driver id
/// when it names a code page, then the bytes themselves (valid UTF-8, else GBK) with a warning.
/// </summary>
public static partial class DbfTextEncoding
{
    static DbfTextEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GBK (code page 936); GB2312 files are read as GBK, its superset.</summary>
    public static Encoding Gbk => Encoding.GetEncoding(936);

    /// <summary>The encoding a .cpg names ("GBK", "CP936", "936", "GB2312", "UTF-8", "65001", "ANSI 1252",
    /// "88591"...); null when it names none this runtime knows.</summary>
    public static Encoding? FromCpg(string? cpg)
    {
        var v = cpg?.Trim().Trim('\uFEFF').Trim();
        if (string.IsNullOrEmpty(v)) return null;
        // ESRI writes ISO 8859-x as "8859x" (code pages 28591...).
        if (IsoForm().Match(v) is { Success: true } iso) v = (28590 + int.Parse(iso.Groups[1].Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture);
        else if (CodePageForm().Match(v) is { Success: true } m) v = m.Groups[1].Value;
        if (v.Equals("GB2312", StringComparison.OrdinalIgnoreCase) || v.Equals("GBK", StringComparison.OrdinalIgnoreCase)) return Gbk;
        try
        {
            return int.TryParse(v, out var codePage) ? Encoding.GetEncoding(codePage) : Encoding.GetEncoding(v);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^(?:ANSI|CP|windows|OEM)?[\s_-]*(\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex CodePageForm();

    [GeneratedRegex(@"^(?:ISO)?[\s_-]*8859[-_]?(\d{1,2})$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoForm();

    /// <summary>
    /// The code page a DBF language driver id (header byte 29) names (ESRI's table); null for 0 and
    /// for 0x57, "ANSI": the writing machine's own code page, which the file does not say.
    /// </summary>
    public static Encoding? FromLanguageDriver(byte ldid)
    {
        int? codePage = ldid switch
        {
            0x01 => 437, 0x02 => 850, 0x03 => 1252, 0x08 => 865, 0x09 => 437, 0x0A => 850, 0x0B => 437,
            0x0D => 437, 0x0E => 850, 0x0F => 437, 0x10 => 850, 0x11 => 437, 0x12 => 850, 0x13 => 932,
            0x14 => 850, 0x15 => 437, 0x16 => 850, 0x17 => 865, 0x18 => 437, 0x19 => 437, 0x1A => 850,
            0x1B => 437, 0x1C => 863, 0x1D => 850, 0x1F => 852, 0x22 => 852, 0x23 => 852, 0x24 => 860,
            0x25 => 850, 0x26 => 866, 0x37 => 850, 0x40 => 852, 0x4D => 936, 0x4E => 949, 0x4F => 950,
            0x50 => 874, 0x58 => 1252, 0x59 => 1252, 0x64 => 852, 0x65 => 866, 0x66 => 865, 0x67 => 861,
            0x6A => 737, 0x6B => 857, 0x6C => 863, 0x78 => 950, 0x79 => 949, 0x7A => 936, 0x7B => 932,
            0x7C => 874, 0x86 => 737, 0x87 => 852, 0x88 => 857, 0xC8 => 1250, 0xC9 => 1251, 0xCA => 1254,
            0xCB => 1253, 0xCC => 1257,
            _ => null,
        };
        return codePage is { } cp ? Encoding.GetEncoding(cp) : null;
    }

    /// <summary>
    /// Guesses from the bytes of the .dbf (header and records): null when every byte is ASCII (any
    /// encoding reads it alike), UTF-8 when the text is valid UTF-8, otherwise GBK.
    /// </summary>
    public static Encoding? Guess(Stream dbf)
    {
        // Records are whole fields, so a record never splits a character written by a sane writer.
        var header = new byte[32];
        dbf.Position = 0;
        dbf.ReadExactly(header);
        var headerSize = BitConverter.ToUInt16(header, 8);
        var recordSize = Math.Max((int)BitConverter.ToUInt16(header, 10), 1);
        dbf.Position = 0;
        var ascii = true;
        var chunk = new byte[Math.Max(headerSize, recordSize)];
        var first = true;
        while (true)
        {
            var size = first ? headerSize : recordSize;
            first = false;
            var n = dbf.ReadAtLeast(chunk.AsSpan(0, size), size, throwOnEndOfStream: false);
            if (n == 0) break;
            var span = chunk.AsSpan(0, n);
            if (!Ascii.IsValid(span))
            {
                ascii = false;
                if (!Utf8.IsValid(span)) return Gbk;
            }
            if (n < size) break;
        }
        return ascii ? null : new UTF8Encoding(false);
    }

    /// <summary>The language driver id at byte 29 of a .dbf header.</summary>
    public static byte LanguageDriver(Stream dbf)
    {
        dbf.Position = 29;
        var b = dbf.ReadByte();
        dbf.Position = 0;
        return b < 0 ? (byte)0 : (byte)b;
    }
}
