using System.Buffers.Binary;
using Autowartung.Platform.Storage;
using Autowartung.Testing;
using SkiaSharp;

namespace Autowartung.Platform.Tests;

public sealed class PhotoTests
{
    private static readonly SKColor Red = new(255, 0, 0), Green = new(0, 255, 0), Blue = new(0, 0, 255), Yellow = new(255, 255, 0);

    // A real HEIC (64×48, written by libheif's heif-enc with x265), to show what an iPhone's own format meets here.
    private const string HeicBase64 =
        "AAAAHGZ0eXBoZWljAAAAAG1pZjFoZWljbWlhZgAAAvxtZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAAAA5waXRtAAAAAAACAAAA" +
        "GGlkYXQAAAAAAEAAMAAAAAAAQAAwAAAAYGlsb2MBAAAAREAABAABAAAAAAAAAyAAAQAAAAAAAABqAAIAAQAAAAAAAAABAAAAAAAAAAgAAwAAAAAAAAOKAAEA" +
        "AAAAAAAAEwAEAAEAAAAAAAAAAQAAAAgAAAAIAAAAYmlpbmYAAAAAAAQAAAAVaW5mZQIAAAEAAQAAaHZjMQAAAAAVaW5mZQIAAAAAAgAAZ3JpZAAAAAAVaW5m" +
        "ZQIAAAEAAwAAaHZjMQAAAAAVaW5mZQIAAAAABAAAZ3JpZAAAAAGxaXBycAAAAYRpcGNvAAAAdmh2Y0MBA3AAAAAAAAAAAAAe8AD8/fj4AAAPAyAAAQAYQAEM" +
        "Af//A3AAAAMAkAAAAwAAAwAeugJAIQABACpCAQEDcAAAAwCQAAADAAADAB6gIIEFlurkprm4EBAwIAAAAwAgAAADACEiAAEABkQBwXPAiQAAABRpc3BlAAAA" +
        "AAAAAEAAAABAAAAAFGlzcGUAAAAAAAAAQAAAADAAAAAQcGl4aQAAAAADCAgIAAAAcWh2Y0MBBAgAAAAAAAAAAAAe8AD8/Pj4AAAPAyAAAQAXQAEMAf//BAgA" +
        "AAMAn/gAAAMAAB66AkAhAAEAJkIBAQQIAAADAJ/4AAADAAAewIIEFlurkprmwIAAAAMAgAAAAwCEIgABAAZEAcFzwIkAAAAUaXNwZQAAAAAAAABAAAAAQAAA" +
        "ABRpc3BlAAAAAAAAAEAAAAAwAAAADnBpeGkAAAAAAQgAAAAnYXV4QwAAAAB1cm46bXBlZzpoZXZjOjIwMTU6YXV4aWQ6MQAAAAAlaXBtYQAAAAAAAAAEAAEC" +
        "gQIAAgIDhAADAoUGAAQDB4iJAAAANmlyZWYAAAAAAAAADmRpbWcAAgABAAEAAAAOZGltZwAEAAEAAwAAAA5hdXhsAAQAAQACAAAAhW1kYXQAAABmKAGvE4D4" +
        "EOGn//xNKP/6dc8P08yJif/601JH+FQ7/9aJw/JKRbOseX2e/wfiHUqkSrfGkr4d8zax/53i28UCGd4jLollcsQ/7OXExr6p3DvuY3p9qlFt/zeaobjG4afc" +
        "bHo7nxK4AAAADygBrifn3Lff/5ovecAr4A==";

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp")]
    public void SniffContentType_WhenSkiaEncodedTheImage_NamesItsType(SKEncodedImageFormat format, string contentType)
    {
        Assert.Equal(contentType, Photos.SniffContentType(Encode(Halves(64, 32), format)));
    }

    [Fact]
    public void SniffContentType_WhenTextHeicOrTooShort_IsNull()
    {
        Assert.Null(Photos.SniffContentType("Hallo, ich bin kein Foto.jpg"u8));
        Assert.Null(Photos.SniffContentType(Convert.FromBase64String(HeicBase64)));
        Assert.Null(Photos.SniffContentType("RIFF\0\0\0\0WAVE"u8));
        Assert.Null(Photos.SniffContentType([0xFF, 0xD8]));
        Assert.Null(Photos.SniffContentType([]));
    }

    [Fact]
    public void Process_WhenExifHoldsGps_StoresNoExifAndNoGps()
    {
        var upload = ExifJpeg.With(Encode(Halves(400, 200), SKEncodedImageFormat.Jpeg), orientation: 3);
        // The builder wrote what a phone writes, and Skia reads it as EXIF: the orientation comes through.
        Assert.Contains((byte)0xE1, Markers(upload));
        Assert.True(Contains(upload, "Exif\0\0"u8));
        Assert.True(Contains(upload, ExifJpeg.LatitudeBytes));
        using (var codec = SKCodec.Create(new MemoryStream(upload)))
            Assert.Equal(SKEncodedOrigin.BottomRight, codec.EncodedOrigin);

        var photo = Processed(upload);

        foreach (var jpeg in new[] { photo.Jpeg, photo.Thumbnail })
        {
            Assert.DoesNotContain((byte)0xE1, Markers(jpeg));   // neither EXIF nor XMP
            Assert.False(Contains(jpeg, "Exif"u8));
            Assert.False(Contains(jpeg, ExifJpeg.LatitudeBytes));
            using var codec = SKCodec.Create(new MemoryStream(jpeg));
            Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        }
    }

    [Fact]
    public void Process_WhenTheUploadHasAnIccProfile_StoresSrgbWithoutOne()
    {
        using var p3 = SKColorSpace.CreateRgb(SKColorSpaceTransferFn.Srgb, SKColorSpaceXyz.DisplayP3);
        var upload = Encode(Halves(64, 32, p3), SKEncodedImageFormat.Jpeg);
        Assert.Contains((byte)0xE2, Markers(upload));   // Skia writes the profile as APP2 ICC_PROFILE

        var photo = Processed(upload);

        Assert.DoesNotContain((byte)0xE2, Markers(photo.Jpeg));
        Assert.False(Contains(photo.Jpeg, "ICC_PROFILE"u8));
        // Red stored as Display P3 values reads (234, 51, 33) when taken for sRGB; converted, it is red again.
        using var pixels = SKBitmap.Decode(photo.Jpeg);
        AssertColor(Red, pixels.GetPixel(16, 16));
    }

    [Fact]
    public void Process_WhenOrientationIsSix_TurnsTheImageAQuarterClockwise()
    {
        var upload = ExifJpeg.With(Encode(Halves(400, 200), SKEncodedImageFormat.Jpeg), orientation: 6);

        var photo = Processed(upload);

        Assert.Equal((200, 400), (photo.Width, photo.Height));
        using var pixels = SKBitmap.Decode(photo.Jpeg);
        AssertColor(Red, pixels.GetPixel(100, 100));
        AssertColor(Blue, pixels.GetPixel(100, 300));
    }

    /// <summary>
    /// The stored pixels have red at the top left, green top right, blue bottom left, yellow bottom right;
    /// each EXIF orientation says how to turn or mirror them, and the photo's four corners must show that.
    /// </summary>
    [Theory]
    [InlineData(1, "red", "green", "blue", "yellow")]
    [InlineData(2, "green", "red", "yellow", "blue")]     // mirrored left to right
    [InlineData(3, "yellow", "blue", "green", "red")]     // half a turn
    [InlineData(4, "blue", "yellow", "red", "green")]     // mirrored top to bottom
    [InlineData(5, "red", "blue", "green", "yellow")]     // mirrored along the main diagonal
    [InlineData(6, "blue", "red", "yellow", "green")]     // a quarter turn clockwise
    [InlineData(7, "yellow", "green", "blue", "red")]     // mirrored along the other diagonal
    [InlineData(8, "green", "yellow", "red", "blue")]     // a quarter turn anticlockwise
    public void Process_WhenOrientationTagged_ComesOutUpright(int orientation, string topLeft, string topRight, string bottomLeft, string bottomRight)
    {
        var upload = ExifJpeg.With(Encode(Quadrants(400, 200), SKEncodedImageFormat.Jpeg), (ushort)orientation);

        var photo = Processed(upload);

        Assert.Equal(orientation >= 5 ? (200, 400) : (400, 200), (photo.Width, photo.Height));
        AssertCorners(photo.Jpeg, topLeft, topRight, bottomLeft, bottomRight);
        AssertCorners(photo.Thumbnail, topLeft, topRight, bottomLeft, bottomRight);
    }

    [Fact]
    public void Process_WhenTwelveMegapixels_ScalesTo2560WithA320Thumbnail()
    {
        var photo = Processed(Encode(Quadrants(4000, 3000), SKEncodedImageFormat.Jpeg));

        Assert.Equal((2560, 1920), (photo.Width, photo.Height));
        Assert.Equal((320, 240), (photo.ThumbnailWidth, photo.ThumbnailHeight));
        AssertSize(photo.Jpeg, 2560, 1920);
        AssertSize(photo.Thumbnail, 320, 240);
        AssertCorners(photo.Jpeg, "red", "green", "blue", "yellow");
    }

    [Fact]
    public void Process_WhenLargeAndTurned_FitsTheUprightLongSide()
    {
        var upload = ExifJpeg.With(Encode(Quadrants(4000, 3000), SKEncodedImageFormat.Jpeg), orientation: 6);

        var photo = Processed(upload);

        Assert.Equal((1920, 2560), (photo.Width, photo.Height));
        Assert.Equal((240, 320), (photo.ThumbnailWidth, photo.ThumbnailHeight));
        AssertCorners(photo.Jpeg, "blue", "red", "yellow", "green");
    }

    [Theory]
    [InlineData(640, 480, 320, 240)]
    [InlineData(300, 100, 300, 100)]
    [InlineData(2560, 1440, 320, 180)]
    public void Process_WhenNoLargerThan2560_KeepsItsSize(int width, int height, int thumbnailWidth, int thumbnailHeight)
    {
        var photo = Processed(Encode(Quadrants(width, height), SKEncodedImageFormat.Jpeg));

        Assert.Equal((width, height), (photo.Width, photo.Height));
        Assert.Equal((thumbnailWidth, thumbnailHeight), (photo.ThumbnailWidth, photo.ThumbnailHeight));
        AssertSize(photo.Jpeg, width, height);
        AssertSize(photo.Thumbnail, thumbnailWidth, thumbnailHeight);
    }

    [Fact]
    public void Process_WhenPngHasTransparency_BecomesJpegOnWhite()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(200, 100, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            using var paint = new SKPaint { Color = Red };
            canvas.DrawRect(100, 0, 100, 100, paint);
        }
        var upload = Encode(bitmap, SKEncodedImageFormat.Png);
        Assert.Equal("image/png", Photos.SniffContentType(upload));

        var photo = Processed(upload);

        Assert.Equal("image/jpeg", Photos.SniffContentType(photo.Jpeg));
        using var pixels = SKBitmap.Decode(photo.Jpeg);
        AssertColor(SKColors.White, pixels.GetPixel(40, 50));
        AssertColor(Red, pixels.GetPixel(160, 50));
    }

    [Fact]
    public void Process_WhenWebp_BecomesJpeg()
    {
        var upload = Encode(Quadrants(600, 400), SKEncodedImageFormat.Webp);

        var photo = Processed(upload);

        Assert.Equal("image/jpeg", Photos.SniffContentType(photo.Jpeg));
        Assert.Equal((600, 400), (photo.Width, photo.Height));
        AssertCorners(photo.Jpeg, "red", "green", "blue", "yellow");
    }

    [Fact]
    public void Process_WhenTextNamedLikeAPhoto_IsNotAnImage()
    {
        var upload = "Dies ist kein Foto, nur eine Datei namens schaden.jpg\n"u8.ToArray();

        Assert.Equal(PhotoRejection.NotAnImage, Photos.Process(upload).Rejection);
    }

    [Fact]
    public void Process_WhenJpegMagicIsFollowedByNoise_IsNotAnImage()
    {
        var upload = new byte[64 * 1024];
        new Random(7).NextBytes(upload);
        upload[0] = 0xFF;
        upload[1] = 0xD8;
        upload[2] = 0xFF;

        var outcome = Photos.Process(upload);

        Assert.Null(outcome.Photo);
        Assert.Equal(PhotoRejection.NotAnImage, outcome.Rejection);
    }

    [Fact]
    public void Process_WhenTheJpegIsCutShort_IsNotAnImage()
    {
        var whole = Encode(Quadrants(800, 600), SKEncodedImageFormat.Jpeg);
        Assert.NotNull(Photos.Process(whole).Photo);

        Assert.Equal(PhotoRejection.NotAnImage, Photos.Process(whole.AsMemory(0, whole.Length / 2)).Rejection);
    }

    [Fact]
    public void Process_WhenARealHeic_IsNotAnImage()
    {
        var heic = Convert.FromBase64String(HeicBase64);
        Assert.True(heic.AsSpan(4, 8).SequenceEqual("ftypheic"u8));

        Assert.Equal(PhotoRejection.NotAnImage, Photos.Process(heic).Rejection);
    }

    [Fact]
    public void Process_WhenOverTenMegabytes_IsTooManyBytes()
    {
        var upload = new byte[Photos.MaxBytes + 1];
        Encode(Halves(64, 32), SKEncodedImageFormat.Jpeg).CopyTo(upload, 0);

        Assert.Equal(PhotoRejection.TooManyBytes, Photos.Process(upload).Rejection);
    }

    [Theory]
    [InlineData(30_000, 30_000)]   // 900 megapixels: 3.6 GB decoded
    [InlineData(8_000, 8_000)]     // sides under the limit, 64 megapixels over it
    [InlineData(40_000, 100)]      // few pixels, but no photo is that long
    public void Process_WhenPngClaimsTooManyPixels_RefusesBeforeDecoding(int width, int height)
    {
        var bomb = ImageBomb.Png(width, height);
        Assert.True(bomb.Length < 100);

        AssertRefusedWithoutDecoding(bomb);
    }

    [Fact]
    public void Process_WhenJpegFrameClaims60000Square_RefusesBeforeDecoding()
    {
        var bomb = Encode(Halves(16, 16), SKEncodedImageFormat.Jpeg);
        var frame = Segment(bomb, 0xC0);
        BinaryPrimitives.WriteUInt16BigEndian(bomb.AsSpan(frame + 5), 60_000);   // height
        BinaryPrimitives.WriteUInt16BigEndian(bomb.AsSpan(frame + 7), 60_000);   // width
        using (var codec = SKCodec.Create(new MemoryStream(bomb)))
            Assert.Equal(new SKSizeI(60_000, 60_000), codec.Info.Size);

        AssertRefusedWithoutDecoding(bomb);
    }

    /// <summary>
    /// Refused as too many pixels, which Process can only say before it decodes; and without managed buffers
    /// for the claimed size. (Skia's own buffers are native and invisible to the counter; an untouched native
    /// buffer does not even show in the process's resident memory, so the outcome is the proof there.)
    /// </summary>
    private static void AssertRefusedWithoutDecoding(byte[] bomb)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        var outcome = Photos.Process(bomb);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal(PhotoRejection.TooManyPixels, outcome.Rejection);
        Assert.True(allocated < 50_000_000, $"{allocated} bytes allocated");
    }

    private static ProcessedPhoto Processed(byte[] upload)
    {
        var outcome = Photos.Process(upload);
        Assert.Null(outcome.Rejection);
        return outcome.Photo!;
    }

    private static SKBitmap Halves(int width, int height, SKColorSpace? colorSpace = null) => Paint(width, height, colorSpace, (canvas, paint) =>
    {
        paint.Color = Red;
        canvas.DrawRect(0, 0, width / 2f, height, paint);
        paint.Color = Blue;
        canvas.DrawRect(width / 2f, 0, width / 2f, height, paint);
    });

    private static SKBitmap Quadrants(int width, int height) => Paint(width, height, null, (canvas, paint) =>
    {
        var (w, h) = (width / 2f, height / 2f);
        foreach (var (x, y, color) in new[] { (0f, 0f, Red), (w, 0f, Green), (0f, h, Blue), (w, h, Yellow) })
        {
            paint.Color = color;
            canvas.DrawRect(x, y, w, h, paint);
        }
    });

    private static SKBitmap Paint(int width, int height, SKColorSpace? colorSpace, Action<SKCanvas, SKPaint> paint)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKImageInfo.PlatformColorType, SKAlphaType.Opaque, colorSpace));
        using var canvas = new SKCanvas(bitmap);
        using var brush = new SKPaint();
        paint(canvas, brush);
        return bitmap;
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format)
    {
        using (bitmap)
        using (var data = bitmap.Encode(format, 90))
            return data.ToArray();
    }

    private static void AssertCorners(byte[] jpeg, string topLeft, string topRight, string bottomLeft, string bottomRight)
    {
        using var pixels = SKBitmap.Decode(jpeg);
        var (left, right, top, bottom) = (pixels.Width / 4, pixels.Width * 3 / 4, pixels.Height / 4, pixels.Height * 3 / 4);
        Assert.Equal(
            new[] { topLeft, topRight, bottomLeft, bottomRight },
            new[] { pixels.GetPixel(left, top), pixels.GetPixel(right, top), pixels.GetPixel(left, bottom), pixels.GetPixel(right, bottom) }.Select(Name));
    }

    private static void AssertSize(byte[] jpeg, int width, int height)
    {
        using var codec = SKCodec.Create(new MemoryStream(jpeg));
        Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        Assert.Equal(new SKSizeI(width, height), codec.Info.Size);
    }

    /// <summary>JPEG moves colors a little, so a pixel matches within 40 per channel.</summary>
    private static void AssertColor(SKColor expected, SKColor actual) =>
        Assert.True(Near(expected, actual), $"expected {expected}, got {actual}");

    private static bool Near(SKColor expected, SKColor actual) =>
        Math.Abs(expected.Red - actual.Red) <= 40 && Math.Abs(expected.Green - actual.Green) <= 40 && Math.Abs(expected.Blue - actual.Blue) <= 40;

    private static string Name(SKColor color) =>
        Near(Red, color) ? "red" : Near(Green, color) ? "green" : Near(Blue, color) ? "blue" : Near(Yellow, color) ? "yellow" : color.ToString();

    private static bool Contains(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> part) => bytes.IndexOf(part) >= 0;

    /// <summary>The marker of every JPEG segment before the image data (SOS), in order.</summary>
    private static List<byte> Markers(byte[] jpeg)
    {
        var markers = new List<byte>();
        for (var at = 2; jpeg[at] == 0xFF && jpeg[at + 1] != 0xDA; at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2)))
            markers.Add(jpeg[at + 1]);
        return markers;
    }

    /// <summary>Where the first segment with <paramref name="marker"/> starts (at its 0xFF).</summary>
    private static int Segment(byte[] jpeg, byte marker)
    {
        for (var at = 2; jpeg[at] == 0xFF && jpeg[at + 1] != 0xDA; at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2)))
            if (jpeg[at + 1] == marker)
                return at;
        throw new InvalidOperationException($"No segment 0xFF{marker:X2} before the image data.");
    }
}
