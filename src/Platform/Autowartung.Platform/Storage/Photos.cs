using SkiaSharp;

namespace Autowartung.Platform.Storage;

/// <summary>Why an uploaded photo was not taken.</summary>
public enum PhotoRejection
{
    /// <summary>The bytes are not a JPEG, PNG or WebP that decodes in full. The web answers 415.</summary>
    NotAnImage,

    /// <summary>More bytes than <see cref="Photos.MaxBytes"/>. The web answers 413.</summary>
    TooManyBytes,

    /// <summary>
    /// The image claims more pixels than <see cref="Photos.MaxPixels"/> or a side longer than
    /// <see cref="Photos.MaxClaimedSide"/>: decoding it would take far more memory than any phone photo needs.
    /// The web answers 413.
    /// </summary>
    TooManyPixels,
}

/// <summary>
/// A photo as the platform keeps it: upright, at most <see cref="Photos.MaxSide"/> on its long side, JPEG
/// without metadata, and a thumbnail of at most <see cref="Photos.ThumbnailSide"/> for lists and protocol PDFs.
/// </summary>
public sealed record ProcessedPhoto(byte[] Jpeg, int Width, int Height, byte[] Thumbnail, int ThumbnailWidth, int ThumbnailHeight);

/// <summary>What <see cref="Photos.Process"/> made of an upload: the photo, or why there is none.</summary>
public readonly record struct PhotoOutcome
{
    private PhotoOutcome(ProcessedPhoto? photo, PhotoRejection? rejection) => (Photo, Rejection) = (photo, rejection);

    /// <summary>The photo; null when the upload was rejected.</summary>
    public ProcessedPhoto? Photo { get; }

    /// <summary>Why the upload was rejected; null when it was taken.</summary>
    public PhotoRejection? Rejection { get; }

    public static implicit operator PhotoOutcome(ProcessedPhoto photo) => new(photo, null);

    public static implicit operator PhotoOutcome(PhotoRejection rejection) => new(null, rejection);
}

/// <summary>
/// Turns a photo a jockey uploads for a handover protocol into what the platform stores. An upload is
/// untrusted input from a phone: its type is told from its first bytes only (never from the file name or the
/// declared content type), its claimed size is checked before a single pixel is decoded, and it is re-encoded
/// from pixels, so nothing of the original file reaches storage: no EXIF (a phone writes where the photo was
/// taken), no XMP, no ICC profile, no bytes hidden after the image.
/// </summary>
public static class Photos
{
    public const string Types = "JPEG, PNG oder WebP";

    /// <summary>What the caller answers for a photo not taken: 413 for too big, 415 for bytes that are no photo.</summary>
    public static Failure Refusal(PhotoRejection rejection) => rejection switch
    {
        PhotoRejection.TooManyBytes => Result.TooLarge("Ein Foto darf höchstens 10 MB groß sein."),
        PhotoRejection.TooManyPixels => Result.TooLarge("Das Bild hat zu viele Pixel."),
        _ => Result.UnsupportedType($"Diese Datei lässt sich nicht als Foto lesen. Bitte ein Foto als {Types} senden."),
    };

    /// <summary>The largest upload taken; callers answer 413 above this before reading further.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>The long side of the stored photo: enough to read a scratch or an odometer, small enough for a phone on mobile data.</summary>
    public const int MaxSide = 2560;

    /// <summary>The long side of the thumbnail.</summary>
    public const int ThumbnailSide = 320;

    /// <summary>
    /// The most pixels an upload may claim. A few hundred bytes can claim a 30000×30000 image that takes gigabytes
    /// to decode (an image bomb); today's phone cameras stay below 50 megapixels.
    /// </summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>The longest side an upload may claim, whatever its pixel count: a 100000×10 strip is no photo of a car.</summary>
    public const int MaxClaimedSide = 20_000;

    /// <summary>JPEG quality of the stored photo and thumbnail: no visible loss, about a tenth of the decoded size.</summary>
    public const int JpegQuality = 85;

    // One process-wide instance that Skia shares and never frees, so it needs no disposing.
    private static readonly SKColorSpace Srgb = SKColorSpace.CreateSrgb();

    /// <summary>
    /// The content type of an upload as its first bytes tell: "image/jpeg", "image/png", "image/webp", or null
    /// for anything else. HEIC is not taken: the Skia build on our Linux servers has no HEIF decoder, and
    /// phones hand a file input a JPEG unless the page asks for HEIC.
    /// </summary>
    public static string? SniffContentType(ReadOnlySpan<byte> head) => Sniff(head) switch
    {
        SKEncodedImageFormat.Jpeg => "image/jpeg",
        SKEncodedImageFormat.Png => "image/png",
        SKEncodedImageFormat.Webp => "image/webp",
        _ => null,
    };

    /// <summary>
    /// Decodes an upload, turns it upright by its EXIF orientation, scales it down to <see cref="MaxSide"/>
    /// (never up), lays transparency on white and encodes it as JPEG, with a thumbnail of the upright photo.
    /// Bytes that are not one whole image of a taken type are <see cref="PhotoRejection.NotAnImage"/>.
    /// </summary>
    public static PhotoOutcome Process(ReadOnlyMemory<byte> upload)
    {
        if (upload.Length > MaxBytes)
        {
            return PhotoRejection.TooManyBytes;
        }
        if (Sniff(upload.Span) is not { } format)
        {
            return PhotoRejection.NotAnImage;
        }

        using var data = SKData.CreateCopy(upload.Span);
        using var codec = SKCodec.Create(data);
        // Skia tells the format by the same magic bytes; asking again guards against a codec we did not mean to use.
        if (codec is null || codec.EncodedFormat != format)
        {
            return PhotoRejection.NotAnImage;
        }

        // Creating the codec read only the header: this is the last moment to refuse before memory is spent.
        var claimed = codec.Info.Size;
        if (claimed.Width <= 0 || claimed.Height <= 0)
        {
            return PhotoRejection.NotAnImage;
        }
        if (claimed.Width > MaxClaimedSide || claimed.Height > MaxClaimedSide || (long)claimed.Width * claimed.Height > MaxPixels)
        {
            return PhotoRejection.TooManyPixels;
        }

        var origin = codec.EncodedOrigin;
        var upright = SwapsSides(origin) ? new SKSizeI(claimed.Height, claimed.Width) : claimed;
        var target = Fit(upright, MaxSide);

        SKImage photo;
        using (var decoded = Decode(codec, SwapsSides(origin) ? new SKSizeI(target.Height, target.Width) : target))
        {
            if (decoded is null)
            {
                return PhotoRejection.NotAnImage;
            }
            photo = Draw(decoded, origin, target);
        }
        using (photo)
        {
            using var thumbnail = Draw(photo, SKEncodedOrigin.TopLeft, Fit(target, ThumbnailSide));
            return new ProcessedPhoto(EncodeJpeg(photo), photo.Width, photo.Height, EncodeJpeg(thumbnail), thumbnail.Width, thumbnail.Height);
        }
    }

    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> PngMagic => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>WebP is a RIFF container: "RIFF", four bytes of length, then "WEBP".</summary>
    private static SKEncodedImageFormat? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(JpegMagic))
        {
            return SKEncodedImageFormat.Jpeg;
        }
        if (head.StartsWith(PngMagic))
        {
            return SKEncodedImageFormat.Png;
        }
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return SKEncodedImageFormat.Webp;
        }
        return null;
    }

    /// <summary>Orientations 5 to 8 turn the image by a quarter, so its width becomes its height.</summary>
    private static bool SwapsSides(SKEncodedOrigin origin) => origin is
        SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>The size scaled to at most <paramref name="longSide"/> on its long side, keeping the aspect; never larger.</summary>
    private static SKSizeI Fit(SKSizeI size, int longSide)
    {
        var longest = Math.Max(size.Width, size.Height);
        if (longest <= longSide)
        {
            return size;
        }
        var scale = (double)longSide / longest;
        return new SKSizeI(
            Math.Max(1, (int)Math.Round(size.Width * scale)),
            Math.Max(1, (int)Math.Round(size.Height * scale)));
    }

    /// <summary>
    /// Decodes at the smallest scale the codec offers that still covers <paramref name="atLeast"/>: a JPEG decodes
    /// at any eighth of its size for far less memory and time (a 12-megapixel photo at 6/8 instead of full size
    /// for a 2560 photo), which scaling the decoded pixels down afterwards cannot save. Pixels are converted to
    /// sRGB from any embedded profile, since the stored JPEG carries none. Null when the pixels do not decode
    /// in full: a truncated photo is no evidence of a car's state.
    /// </summary>
    private static SKImage? Decode(SKCodec codec, SKSizeI atLeast)
    {
        var size = codec.Info.Size;
        for (var eighths = 1; eighths < 8; eighths++)
        {
            var scaled = codec.GetScaledDimensions(eighths / 8f);
            if (scaled.Width >= atLeast.Width && scaled.Height >= atLeast.Height)
            {
                size = scaled;
                break;
            }
        }

        var alpha = codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var info = new SKImageInfo(size.Width, size.Height, SKImageInfo.PlatformColorType, alpha, Srgb);
        using var pixels = SKData.Create(info.BytesSize64);
        if (pixels is null || codec.GetPixels(info, pixels.Data) != SKCodecResult.Success)
        {
            return null;
        }
        // The image takes its own reference to the pixels, so they outlive this method's handle.
        return SKImage.FromPixels(info, pixels, info.RowBytes);
    }

    /// <summary>
    /// Draws <paramref name="source"/> turned upright by <paramref name="origin"/> and scaled to
    /// <paramref name="size"/> onto white, in one pass so the pixels are resampled once.
    /// </summary>
    private static SKImage Draw(SKImage source, SKEncodedOrigin origin, SKSizeI size)
    {
        var upright = SwapsSides(origin) ? new SKSizeI(source.Height, source.Width) : new SKSizeI(source.Width, source.Height);
        var scaleX = (float)size.Width / upright.Width;
        var scaleY = (float)size.Height / upright.Height;

        // No color space on the target: the pixels are already sRGB, and a color space would make the
        // encoder write an ICC profile.
        using var surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height, SKImageInfo.PlatformColorType, SKAlphaType.Opaque))
            ?? throw new InvalidOperationException($"Skia could not allocate a {size.Width}×{size.Height} surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.SetMatrix(SKMatrix.CreateScale(scaleX, scaleY).PreConcat(Orientation(origin, source.Width, source.Height)));
        canvas.DrawImage(source, 0, 0, Sampling(Math.Min(scaleX, scaleY)));
        return surface.Snapshot();
    }

    /// <summary>
    /// Down to half the size, bilinear filtering reads every source pixel, so it does not alias; unscaled it
    /// leaves every pixel as it is (a quarter turn maps pixel centers onto pixel centers). A JPEG reaches this
    /// step already reduced to within an eighth of the target by its scaled decode, and Mitchell's cubic here
    /// cost 190 ms of a 12-megapixel photo's 350 (bilinear: 15). Below half the size (the thumbnail, a PNG,
    /// which has no scaled decode) bilinear would skip pixels, so mipmaps average them first.
    /// </summary>
    private static SKSamplingOptions Sampling(float scale) => scale >= 0.5f
        ? new SKSamplingOptions(SKFilterMode.Linear)
        : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>
    /// The matrix that takes the pixels as stored (<paramref name="width"/>×<paramref name="height"/>) to the
    /// upright image, for each of the eight EXIF orientations (the same mapping as Skia's SkEncodedOriginToMatrix).
    /// </summary>
    private static SKMatrix Orientation(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),           // 2: mirrored left to right
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),  // 3: turned half way
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),        // 4: mirrored top to bottom
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),                 // 5: mirrored along the diagonal
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),          // 6: needs a quarter turn clockwise
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),  // 7: mirrored along the other diagonal
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),         // 8: needs a quarter turn anticlockwise
        _ => SKMatrix.Identity,                                                              // 1: upright already
    };

    private static byte[] EncodeJpeg(SKImage image)
    {
        using var pixels = image.PeekPixels()
            ?? throw new InvalidOperationException("A raster image drawn here always has pixels to read.");
        using var jpeg = pixels.Encode(new SKJpegEncoderOptions(JpegQuality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidOperationException("Skia could not encode the photo as JPEG.");
        return jpeg.ToArray();
    }
}
