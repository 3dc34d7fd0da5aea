using System.Buffers.Binary;

namespace Autowartung.Testing;

/// <summary>
/// Writes EXIF into a JPEG the way a phone camera does, since Skia's encoder writes none: an APP1 "Exif"
/// segment right after SOI holding a big-endian TIFF header, IFD0 with the orientation and a pointer to a GPS
/// IFD that places the photo in Witten (51°26'37" N, 7°20'07" E).
/// </summary>
public static class ExifJpeg
{
    /// <summary>The GPSLatitude rationals as written (51/1, 26/1, 3700/100): bytes that must never reach storage.</summary>
    public static readonly byte[] LatitudeBytes = Rationals((51, 1), (26, 1), (3700, 100));

    private static readonly byte[] LongitudeBytes = Rationals((7, 1), (20, 1), (700, 100));

    /// <summary><paramref name="jpeg"/> with an EXIF segment holding <paramref name="orientation"/> (1 to 8) and the GPS position.</summary>
    public static byte[] With(byte[] jpeg, ushort orientation)
    {
        if (jpeg is not [0xFF, 0xD8, ..])
            throw new ArgumentException("Not a JPEG: it does not start with SOI.", nameof(jpeg));

        // Offsets count from the TIFF header, as EXIF says.
        const int ifd0 = 8, ifd0Size = 2 + 2 * 12 + 4;
        const int gps = ifd0 + ifd0Size, gpsSize = 2 + 5 * 12 + 4;
        const int latitude = gps + gpsSize, longitude = latitude + 24;
        var tiff = new byte[longitude + 24];
        var at = 0;
        void U16(int value) { BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), (ushort)value); at += 2; }
        void U32(int value) { BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at), (uint)value); at += 4; }
        void Bytes(ReadOnlySpan<byte> value) { value.CopyTo(tiff.AsSpan(at)); at += value.Length; }
        void Entry(int tag, int type, int count) { U16(tag); U16(type); U32(count); }
        const int ByteType = 1, AsciiType = 2, ShortType = 3, LongType = 4, RationalType = 5;

        Bytes("MM"u8); U16(42); U32(ifd0);

        U16(2);
        Entry(0x0112, ShortType, 1); U16(orientation); U16(0);   // Orientation, left-justified in its four bytes
        Entry(0x8825, LongType, 1); U32(gps);                    // GPSInfo
        U32(0);                                                  // no next IFD

        U16(5);
        Entry(0x0000, ByteType, 4); Bytes([2, 3, 0, 0]);         // GPSVersionID 2.3
        Entry(0x0001, AsciiType, 2); Bytes("N\0\0\0"u8);         // GPSLatitudeRef
        Entry(0x0002, RationalType, 3); U32(latitude);           // GPSLatitude
        Entry(0x0003, AsciiType, 2); Bytes("E\0\0\0"u8);         // GPSLongitudeRef
        Entry(0x0004, RationalType, 3); U32(longitude);          // GPSLongitude
        U32(0);

        Bytes(LatitudeBytes);
        Bytes(LongitudeBytes);

        var segment = new byte[4 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment.AsSpan(10));

        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    private static byte[] Rationals(params (int Numerator, int Denominator)[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 8), (uint)values[i].Numerator);
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 8 + 4), (uint)values[i].Denominator);
        }
        return bytes;
    }
}
